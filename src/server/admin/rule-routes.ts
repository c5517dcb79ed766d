import { Hono } from 'hono';
import type { AdminRule, RuleListResponse, RuleResponse } from '../../protocol/admin.js';
import { toBase64Url } from '../base64url.js';
import { HttpError } from '../http-error.js';
import { readJson } from '../read-json.js';
import { parseShape } from '../schemas.js';
import { ruleProblem } from '../moderation/rule-lists.js';
import type { RuleStore } from '../storage/rules.js';
import { newRuleBody, normalizePattern } from './admin-schemas.js';
import type { AdminEnv } from './auth.js';

/** A new rule's id: 96 random bits, as comment ids are made. */
const newRuleId = () => `r_${toBase64Url(crypto.getRandomValues(new Uint8Array(12)))}`;

const isRuleId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);

/** `/admin/api/rules`: the block- and allow-list, read, added to and removed from. */
export function adminRuleRoutes({ rules, now }: { rules: RuleStore; now: () => number }): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => {
    const body: RuleListResponse = { rules: await rules.list() };
    return c.json(body);
  });

  app.post('/', async (c) => {
    const input = parseShape(newRuleBody, await readJson(c.req.raw, 4096), 'Body');
    const pattern = normalizePattern(input.kind, input.pattern);
    // The rule as the spam defences will read it: one they would ignore is refused here, where the owner sees why.
    const problem = ruleProblem({ kind: input.kind, pattern, action: input.action });
    if (problem) {
      const field = input.action === 'publish' ? 'action' : 'pattern';
      throw new HttpError('validation_failed', `This rule cannot match: ${problem}`, field);
    }
    const rule: AdminRule = {
      id: newRuleId(),
      kind: input.kind,
      pattern,
      action: input.action,
      note: input.note || null,
      createdAt: new Date(now()).toISOString(),
    };
    await rules.add(rule);
    const body: RuleResponse = { rule };
    return c.json(body, 201);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    if (!isRuleId(id) || !(await rules.remove(id))) throw new HttpError('not_found', 'No such rule');
    return c.body(null, 204);
  });

  return app;
}
