import { z } from 'zod';
import { limits } from '../protocol/limits.js';
import { validateNewComment, validateText, type FieldError } from '../client/validate.js';
import { HttpError } from './http-error.js';

// Input is checked in two steps, as the protocol orders its errors: the JSON shape (400 `bad_request`, by these
// schemas), then the protocol's field rules (422 `validation_failed`, by the rules the widget's form shares).

const optionalText = z.string().nullish();

/** `POST /api/v1/comments` body: types only. */
export const newCommentBody = z.object({
  thread: z.string(),
  parent: optionalText,
  name: z.string(),
  email: optionalText,
  url: optionalText,
  text: z.string(),
});

/** `PATCH /api/v1/comments/{id}` body: types only. */
export const editCommentBody = z.object({ text: z.string() });

const threadKey = z
  .string()
  .min(1)
  .max(limits.threadLength)
  .refine((key) => !/[\p{Cc}\p{Cs}]/u.test(key), 'holds a control character or an unpaired surrogate');

/** `GET /api/v1/comments` query. */
export const listQuery = z.object({
  thread: threadKey,
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'is not a decimal number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(limits.maxPageSize))
    .default(limits.defaultPageSize),
  sort: z.enum(['oldest', 'newest']).default('oldest'),
  cursor: z.string().min(1).max(4000).optional(),
});

/** `GET /api/v1/counts` query: the repeated `thread`, as a member so that every error names it. */
export const countsQuery = z.object({ thread: z.array(threadKey).min(1).max(limits.maxCountThreads) });

/** Parses `value` with `schema`, or throws the protocol's 400 naming the first member at fault. */
export function parseShape<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = typeof issue?.path[0] === 'string' ? issue.path[0] : undefined;
  const message = field ? `${what}: \`${field}\` ${describe(issue)}` : `${what}: ${describe(issue)}`;
  throw new HttpError('bad_request', message, field);
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  if (issue.code === 'invalid_type') return `must be a ${issue.expected}`;
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

const ruleMessages: Record<FieldError['code'], (error: FieldError) => string> = {
  required: (error) => `\`${error.field}\` is required`,
  too_long: (error) => `\`${error.field}\` may be at most ${error.limit} characters long`,
  invalid_characters: (error) => `\`${error.field}\` holds characters that are not allowed`,
  invalid_email: () => '`email` is not a valid e-mail address',
  invalid_url: () => '`url` must be an absolute http or https URL without a user name or password',
};

/** Throws the protocol's 422 for the first broken rule of a new comment, if any. */
export function checkNewCommentRules(comment: Parameters<typeof validateNewComment>[0]): void {
  throwFirst(validateNewComment(comment));
}

/** Throws the protocol's 422 for an edited text that breaks the rules, if it does. */
export function checkTextRules(text: string): void {
  throwFirst(validateText(text));
}

function throwFirst(errors: FieldError[]): void {
  const [error] = errors;
  if (error) throw new HttpError('validation_failed', ruleMessages[error.code](error), error.field);
}
