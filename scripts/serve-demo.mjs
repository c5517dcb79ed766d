/** `npm start`: serves the demo pages, the built widget and the fixture API until interrupted. */
import { parseArgs } from 'node:util';
import { startDemoServer } from './demo-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-fixtures': { type: 'boolean', default: false },
  },
});

const server = await startDemoServer({
  port: Number(values.port),
  host: values.host,
  fixtures: !values['no-fixtures'],
});
console.log(`Demo at ${server.url} (dark theme: ${server.url}dark.html). Ctrl+C stops it.`);
process.once('SIGINT', () => server.close().then(() => process.exit(0)));
