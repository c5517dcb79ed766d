import type { Logger } from '../logger.js';

/**
 * Warns the operator, once per origin, that pages on an origin not on the allow-list are trying to use the
 * server: without `--origin` a site owner's readers only see "not allowed", while the server answered 200 and
 * said nothing. Any page can send any `Origin`, so the origins remembered are bounded; past `maxOrigins` one last
 * line says that further ones go unmentioned.
 */
export function warnOfRefusedOrigins(logger: Logger, maxOrigins = 1_000): (origin: string) => void {
  const warned = new Set<string>();
  return (origin) => {
    if (warned.has(origin) || warned.size > maxOrigins) return;
    warned.add(origin);
    if (warned.size > maxOrigins) {
      logger.log('warn', 'too many origins not allowed; further ones are not logged', { limit: maxOrigins });
      return;
    }
    logger.log('warn', 'origin not allowed', {
      origin,
      hint: `to let pages on ${origin} show and post comments, start natter with --origin ${origin} (or add it to NATTER_ORIGIN)`,
    });
  };
}
