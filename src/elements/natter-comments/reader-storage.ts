/**
 * What the reader typed, kept in localStorage so that nothing is lost to a reload, a crash or a failed post:
 * one draft per endpoint and thread, the address of their own response to a thread (a Webmention's source), and
 * the reader's identity when they ticked "Remember me". Beside it, per endpoint, what this browser knows of the
 * reader's dealings with that server: the secrets of their comments, the trust tokens of their approved addresses,
 * and the comments they wrote, reported or liked. Every list is bounded, and every access tolerates storage that
 * is missing, full or forbidden (private modes, sandboxed frames).
 */

/**
 * A comment being written, every field of it: the e-mail address too, since it never leaves this device
 * except in the post itself. Kept, from the first character of its text, until the server accepts the comment
 * or the reader deletes all of its text, however long that takes.
 */
export interface Draft {
  name: string;
  email: string;
  url: string;
  text: string;
  /**
   * The idempotency key it was last sent with, while no answer came: sent again with the same fields, after a
   * reload too, the server recognises it instead of storing it twice.
   */
  idempotencyKey?: string;
}

/** Who the reader is, remembered only on request. */
export interface Identity {
  name: string;
  email: string;
  url: string;
}

const prefix = 'natter:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function readRaw(key: string): string | null | undefined {
  try {
    return storage()?.getItem(prefix + key);
  } catch {
    return undefined;
  }
}

function parse<T>(raw: string | null | undefined): T | undefined {
  try {
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function read<T>(key: string): T | undefined {
  return parse<T>(readRaw(key));
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) storage()?.removeItem(prefix + key);
    else storage()?.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // A full or forbidden storage must not break typing; the text is still in the form.
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A reply's draft is kept by the id of the comment it answers (ids are unique per server). */
function draftKey(endpoint: string, thread: string, parent?: string): string {
  return parent ? `reply:${endpoint}|${parent}` : `draft:${endpoint}|${thread}`;
}

/** The saved draft for a thread (or, with `parent`, for a reply to that comment), if any. */
export function loadDraft(endpoint: string, thread: string, parent?: string): Draft | undefined {
  const saved = read<Partial<Draft>>(draftKey(endpoint, thread, parent));
  if (!saved) return undefined;
  const draft = {
    name: text(saved.name),
    email: text(saved.email),
    url: text(saved.url),
    text: text(saved.text),
  };
  return saved.idempotencyKey ? { ...draft, idempotencyKey: text(saved.idempotencyKey) } : draft;
}

/** Saves the draft for a thread (or a reply to comment `parent`), or forgets it when it holds no text. */
export function saveDraft(endpoint: string, thread: string, draft: Draft, parent?: string): void {
  write(draftKey(endpoint, thread, parent), draft.text.trim() ? draft : undefined);
}

/** Forgets a thread's (or a reply's) draft, once the server has accepted it. */
export function clearDraft(endpoint: string, thread: string, parent?: string): void {
  write(draftKey(endpoint, thread, parent), undefined);
}

/** The ids of the comments the reader has an unsent reply to, on one server. */
export function loadReplyDrafts(endpoint: string): Set<string> {
  const start = `${prefix}${draftKey(endpoint, '', ' ').slice(0, -1)}`;
  const parents = new Set<string>();
  try {
    const saved = storage();
    for (let index = 0; saved && index < saved.length; index++) {
      const key = saved.key(index);
      if (key?.startsWith(start)) parents.add(key.slice(start.length));
    }
  } catch {
    // Storage that cannot be read holds no drafts.
  }
  return parents;
}

/** The remembered identity, if the reader asked for it. */
export function loadIdentity(): Identity | undefined {
  const saved = read<Partial<Identity>>('identity');
  return saved ? { name: text(saved.name), email: text(saved.email), url: text(saved.url) } : undefined;
}

/** Remembers the identity, or forgets it when `identity` is undefined. */
export function saveIdentity(identity: Identity | undefined): void {
  write('identity', identity);
}

/** The proof of authorship of one comment, kept only until its edit window closes. */
export interface OwnSecret {
  secret: string;
  /** ISO 8601: when the server stops accepting the secret. */
  editableUntil: string;
}

function secretsKey(endpoint: string): string {
  return `secrets:${endpoint}`;
}

/**
 * The live secrets of the reader's comments on one server, by comment id. Expired ones are dropped (and
 * forgotten in storage) on every read: a secret never outlives its window.
 */
export function loadSecrets(endpoint: string, now = Date.now()): Map<string, OwnSecret> {
  const saved = read<Record<string, Partial<OwnSecret>>>(secretsKey(endpoint)) ?? {};
  const live = new Map<string, OwnSecret>();
  for (const [id, entry] of Object.entries(saved)) {
    if (typeof entry?.secret === 'string' && Date.parse(entry.editableUntil ?? '') > now) {
      live.set(id, { secret: entry.secret, editableUntil: entry.editableUntil as string });
    } else {
      // Its edit can no longer be saved: an unsaved edit of it goes with the secret.
      saveEditDraft(endpoint, id, undefined);
    }
  }
  if (live.size !== Object.keys(saved).length) writeSecrets(endpoint, live);
  return live;
}

/** Stores the reader's live secrets for one server (forgetting the key when none are left). */
export function writeSecrets(endpoint: string, secrets: Map<string, OwnSecret>): void {
  write(secretsKey(endpoint), secrets.size > 0 ? Object.fromEntries(secrets) : undefined);
}

function editKey(endpoint: string, id: string): string {
  return `edit:${endpoint}|${id}`;
}

/** The unsaved edit of one of the reader's comments, if any. */
export function loadEditDraft(endpoint: string, id: string): string | undefined {
  const saved = read<{ text?: unknown }>(editKey(endpoint, id));
  return typeof saved?.text === 'string' ? saved.text : undefined;
}

/** Keeps (or, with `undefined`, forgets) the unsaved edit of one of the reader's comments. */
export function saveEditDraft(endpoint: string, id: string, text: string | undefined): void {
  write(editKey(endpoint, id), text === undefined ? undefined : { text });
}

/**
 * What lets the reader see their own comment while a moderator holds it: its secret, which reads it (and only
 * reads it) however long ago the edit window closed, and where and when it was posted.
 */
export interface HeldComment {
  secret: string;
  thread: string;
  /** ISO 8601: when the comment was posted; the newest are kept when there are too many. */
  createdAt: string;
  /** The e-mail address the comment gave: once a moderator approves it, its read brings that address's trust token. */
  email?: string;
}

/** How many held comments are kept per server: the newest. */
export const heldCommentsLimit = 50;

function heldKey(endpoint: string): string {
  return `held:${endpoint}`;
}

/** The reader's comments that one server holds for moderation, by comment id. */
export function loadHeldComments(endpoint: string): Map<string, HeldComment> {
  const saved = read<Record<string, Partial<HeldComment>>>(heldKey(endpoint)) ?? {};
  const held = new Map<string, HeldComment>();
  for (const [id, { secret, thread, createdAt, email } = {}] of Object.entries(saved)) {
    if (typeof secret === 'string' && typeof thread === 'string' && typeof createdAt === 'string') {
      held.set(id, { secret, thread, createdAt, ...(typeof email === 'string' && email && { email }) });
    }
  }
  return held;
}

/** Keeps (or, with `undefined`, forgets) one held comment; only the newest {@link heldCommentsLimit} stay. */
export function saveHeldComment(endpoint: string, id: string, held: HeldComment | undefined): void {
  const all = loadHeldComments(endpoint);
  if (held) all.set(id, held);
  else if (!all.delete(id)) return;
  const newest = [...all].sort(([, a], [, b]) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const kept = newest.slice(0, heldCommentsLimit);
  write(heldKey(endpoint), kept.length > 0 ? Object.fromEntries(kept) : undefined);
}

/** How many addresses' trust tokens are kept per server: the most recently given. */
export const trustTokensLimit = 10;

function trustKey(endpoint: string): string {
  return `trust:${endpoint}`;
}

/** Addresses are compared as the server compares them: without regard to case. */
const addressKey = (email: string): string => email.trim().toLowerCase();

function loadTrustTokens(endpoint: string): [string, { token: string; savedAt: number }][] {
  const saved = read<Record<string, { token?: unknown; savedAt?: unknown }>>(trustKey(endpoint)) ?? {};
  return Object.entries(saved).flatMap(([email, { token, savedAt } = {}]) =>
    typeof token === 'string' && token && typeof savedAt === 'number' ? [[email, { token, savedAt }]] : [],
  );
}

/**
 * The trust token one server gave for `email` (once a comment with that address was published), which lets later
 * comments with that address skip first-time moderation; `undefined` when there is none.
 */
export function loadTrust(endpoint: string, email: string): string | undefined {
  const key = addressKey(email);
  return key ? loadTrustTokens(endpoint).find(([saved]) => saved === key)?.[1].token : undefined;
}

/** Keeps the trust token one server gave for `email`, replacing an older one; the newest few addresses stay. */
export function saveTrust(endpoint: string, email: string, token: string, now = Date.now()): void {
  const key = addressKey(email);
  if (!key) return;
  const others = loadTrustTokens(endpoint).filter(([saved]) => saved !== key);
  const kept = [[key, { token, savedAt: now }] as const, ...others]
    .sort(([, a], [, b]) => b.savedAt - a.savedAt)
    .slice(0, trustTokensLimit);
  write(trustKey(endpoint), Object.fromEntries(kept));
}

/** How many comment ids each of the lists below keeps per server: the newest. */
export const commentIdsLimit = 200;

/**
 * Each list as last read, with the stored text it came from: the authored list, read before every render, is
 * parsed again only when that text changed (here, in another element or in another tab).
 */
const readIds = new Map<string, { raw: string | null | undefined; ids: readonly string[] }>();

function loadIds(key: string): readonly string[] {
  const raw = readRaw(key);
  const known = readIds.get(key);
  if (known && known.raw === raw) return known.ids;
  const saved = parse<unknown>(raw);
  const ids = Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : [];
  readIds.set(key, { raw, ids });
  return ids;
}

/** Adds `id` to the list at `key` as its newest (or, `isKept` false, takes it out), forgetting an empty list. */
function keepId(key: string, id: string, isKept = true): void {
  const ids = loadIds(key).filter((saved) => saved !== id);
  if (isKept) ids.push(id);
  write(key, ids.length > 0 ? ids.slice(-commentIdsLimit) : undefined);
}

/** The ids of the comments the reader posted to one server from this browser (the newest), theirs for good. */
export function loadAuthored(endpoint: string): Set<string> {
  return new Set(loadIds(`authored:${endpoint}`));
}

/** Remembers that the reader posted comment `id`, so that it is never offered to them to report. */
export function saveAuthored(endpoint: string, id: string): void {
  keepId(`authored:${endpoint}`, id);
}

/** The ids of the comments the reader reported to one server from this browser (the newest). */
export function loadReported(endpoint: string): Set<string> {
  return new Set(loadIds(`reported:${endpoint}`));
}

/** Remembers that the reader reported comment `id`, so that it shows "Reported" on later visits. */
export function saveReported(endpoint: string, id: string): void {
  keepId(`reported:${endpoint}`, id);
}

function likedKey(endpoint: string): string {
  return `liked:${endpoint}`;
}

/** The ids of the comments the reader liked on one server from this browser (the newest): one like per browser. */
export function loadLiked(endpoint: string): Set<string> {
  return new Set(loadIds(likedKey(endpoint)));
}

/** Remembers that the reader liked comment `id`, or, `isLiked` false, that they took the like back. */
export function saveLiked(endpoint: string, id: string, isLiked: boolean): void {
  keepId(likedKey(endpoint), id, isLiked);
}

function responseKey(endpoint: string, thread: string): string {
  return `response:${endpoint}|${thread}`;
}

/** The address of the reader's own response to a thread that they typed and the server has not accepted yet. */
export function loadResponseAddress(endpoint: string, thread: string): string {
  return text(read<{ url?: unknown }>(responseKey(endpoint, thread))?.url);
}

/** Keeps the address of the reader's own response to a thread, or forgets it when `url` is empty. */
export function saveResponseAddress(endpoint: string, thread: string, url: string): void {
  write(responseKey(endpoint, thread), url.trim() ? { url } : undefined);
}
