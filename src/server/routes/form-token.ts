import { Hono } from 'hono';
import type { FormTokenResponse } from '../../protocol/types.js';
import type { FormTokens } from '../moderation/form-token.js';
import { queryOf, singleValues } from '../query.js';
import { formTokenQuery, parseShape } from '../schemas.js';

export interface FormTokenRoutesOptions {
  tokens: FormTokens;
  now: () => number;
}

/** `/api/v1/form-token`: a token for a post to a thread, fetched when its reader starts writing. */
export function formTokenRoutes({ tokens, now }: FormTokenRoutesOptions): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const { thread } = parseShape(formTokenQuery, singleValues(queryOf(c.req.raw), ['thread']), 'Query');
    const body: FormTokenResponse = {
      formToken: await tokens.issue(thread, now()),
      minimumAgeMs: tokens.minAgeMs,
    };
    // Each token says when it was issued: a cached one would be too old, or too young, for whoever got it next.
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
