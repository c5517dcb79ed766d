import { loadConfig } from './config.js';
import { settings } from './settings.js';

/** The flags that name the database, for `parseArgs`: as `natter serve` takes them, with the same help. */
export const databaseOptions = { database: settings.database, config: settings.config };

/**
 * The database that `--database`, `--config`, `NATTER_DATABASE` or the default name, by the rules `natter serve`
 * follows; throws a `ConfigError` saying what is wrong with them.
 */
export function databaseOf(
  values: { database?: string | undefined; config?: string | undefined },
  env: NodeJS.ProcessEnv,
): string {
  const args = [
    ...(values.database === undefined ? [] : ['--database', values.database]),
    ...(values.config === undefined ? [] : ['--config', values.config]),
  ];
  return loadConfig(args, env).database;
}
