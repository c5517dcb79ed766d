import { z } from 'zod';
import {
  isIdempotencyKey,
  limits,
  threadKeyError,
  validateNewComment,
  validateText,
  type EditComment,
  type FieldError,
  type InputLimits,
  type NewComment,
  type SortOrder,
} from '../protocol/index.js';
import { HttpError } from './http-error.js';

// Input is checked in two steps, as the protocol orders its errors: the JSON shape (400 `bad_request`, by these
// schemas), then the protocol's field rules (422 `validation_failed`, by the rules the widget's form shares).

/** A protocol body as it may arrive: `null` for an optional member means the same as leaving it out. */
type OnTheWire<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

type IsExactly<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

/**
 * Returns `schema`, and compiles only when what it parses to is exactly the protocol type `T` (the same members,
 * each of the same type): a member added to, removed from or retyped in `src/protocol/types.ts` without the same
 * change here fails `tsc`.
 */
const schemaOf =
  <T>() =>
  <S extends z.ZodType>(
    schema: S & (IsExactly<z.output<S>, T> extends true ? unknown : { parsesToAnotherTypeThan: T }),
  ): S =>
    schema;

const optionalText = z.string().nullish();

/** `POST /api/v1/comments` body: types only. */
export const newCommentBody = schemaOf<OnTheWire<NewComment>>()(
  z.object({
    thread: z.string(),
    parent: optionalText,
    name: z.string(),
    email: optionalText,
    url: optionalText,
    text: z.string(),
    formToken: optionalText,
    honeypot: optionalText,
    trust: optionalText,
    notify: z.boolean().nullish(),
    idempotencyKey: z
      .string()
      .refine(isIdempotencyKey, 'must be 22 to 128 characters of A-Z a-z 0-9 _ -')
      .nullish(),
  }),
);

/** `PATCH /api/v1/comments/{id}` body: types only. */
export const editCommentBody = schemaOf<EditComment>()(z.object({ text: z.string() }));

/** A thread key as docs/protocol.md#thread-keys defines it, by the rule the client applies too. */
const threadKey = z.string().superRefine((key, context) => {
  const error = threadKeyError(key);
  if (error) context.addIssue({ code: 'custom', message: threadKeyMessages[error.code] });
});

/** The orders this server sorts a thread by: what `sort` takes, and what `ThreadInfo.sorts` says. */
export const sortOrders = ['oldest', 'newest', 'liked', 'replied'] as const satisfies readonly SortOrder[];

/** `GET /api/v1/comments` query. */
export const listQuery = z.object({
  thread: threadKey,
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'is not a decimal number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(limits.maxPageSize))
    .default(limits.defaultPageSize),
  sort: z.enum(sortOrders).default('oldest'),
  cursor: z.string().min(1).max(4000).optional(),
  /** A comment id: the page that starts with its conversation's top-level comment. */
  around: z.string().min(1).max(200).optional(),
});

/** `GET /api/v1/form-token` query. */
export const formTokenQuery = z.object({ thread: threadKey });

/** `GET /api/v1/stream` query (`Last-Event-ID` may come as `lastEventId`, for clients that cannot set headers). */
export const streamQuery = z.object({ thread: threadKey, lastEventId: z.string().optional() });

/** `GET /api/v1/feed.atom` query: one thread's feed, or the whole site's without `thread`. */
export const feedQuery = z.object({ thread: threadKey.optional() });

/** `GET /api/v1/references`. */
export const referencesQuery = z.object({ thread: threadKey });

/** `POST /api/v1/comments/{id}/reports` body: types only (a reason the protocol does not know is a 422). */
export const reportBody = z.object({ reason: z.string() });

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

const threadKeyMessages: Partial<Record<FieldError['code'], string>> = {
  required: 'must not be empty',
  too_long: `may be at most ${limits.threadLength} characters long`,
  invalid_characters: 'holds a control character or an unpaired surrogate',
};

/** Throws the protocol's 422 for the first broken rule of a new comment, if any. */
export function checkNewCommentRules(comment: NewComment, inputLimits: InputLimits): void {
  throwFirst(validateNewComment(comment, inputLimits));
}

/** Throws the protocol's 422 for an edited text that breaks the rules, if it does. */
export function checkTextRules(text: string, inputLimits: InputLimits): void {
  throwFirst(validateText(text, inputLimits));
}

function throwFirst(errors: FieldError[]): void {
  const [error] = errors;
  if (error) throw new HttpError('validation_failed', ruleMessages[error.code](error), error.field);
}
