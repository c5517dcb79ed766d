// The bench's baseline: a bare node:http server that answers each path with the body natter sent for it, read from
// the JSON file named by the first argument ({ "/api/v1/comments": "…", … }), and nothing else. Listens on
// 127.0.0.1 at the port of the second argument. What natter does beyond this is what its figures' ratio measures.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodiesFile, port] = process.argv.slice(2);
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(bodiesFile, 'utf8'))).map(([path, body]) => [
    path,
    Buffer.from(body),
  ]),
);
const notFound = Buffer.from('{}');

createServer((request, response) => {
  const path = request.url.split('?', 1)[0];
  const body = bodies.get(path);
  response.writeHead(body ? 200 : 404, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': (body ?? notFound).length,
  });
  response.end(body ?? notFound);
}).listen(Number(port), '127.0.0.1');
