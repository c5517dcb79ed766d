import {
  csrfHeader,
  type AdminAction,
  type AdminQueue,
  type AdminStatus,
  type BulkActionResponse,
  type CommentActionResponse,
  type CommentDetailResponse,
  type CommentListResponse,
  type NewRuleRequest,
  type ReferenceActionResponse,
  type ReferenceListResponse,
  type RuleListResponse,
  type RuleResponse,
  type SessionResponse,
  type SiteResponse,
  type ThreadChangeRequest,
  type ThreadResponse,
} from '../../protocol/admin.js';
import type { MentionState } from '../../protocol/types.js';
import { AdminApiError, errorOf } from './admin-error.js';

/** What a list asks for: a queue, and optionally a search and where the previous page ended. */
export interface ListParameters {
  queue: AdminQueue;
  q?: string;
  email?: string;
  thread?: string;
  before?: string;
  limit?: number;
}

/** What a list of references asks for: a status, a state in the queue of verification, and where to go on. */
export interface ReferenceListParameters {
  status?: AdminStatus;
  state?: MentionState;
  thread?: string;
  before?: string;
  limit?: number;
}

/** A query string of the parameters that have a value. */
function queryOf(parameters: object): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  return query;
}

/**
 * The admin API (`/admin/api/`) for the admin page: the session's cookie goes by itself (same origin), and its
 * CSRF token, kept here after sign-in, with every change. A 401 anywhere calls `onSignedOut`.
 */
export class AdminClient {
  #csrfToken: string | undefined;

  /**
   * @param base - the API's URL, `api/` next to the page (so a proxy's path prefix needs no setting).
   * @param onSignedOut - told when the server no longer knows the session (expired, or signed out elsewhere).
   */
  constructor(
    readonly base: URL,
    readonly onSignedOut: () => void = () => {},
    readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** Whether the client holds a session's token. */
  get isSignedIn(): boolean {
    return this.#csrfToken !== undefined;
  }

  async #call<T>(method: string, path: string, body?: unknown, quietUnauthorized = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken) headers[csrfHeader] = this.#csrfToken;
    let response: Response;
    try {
      response = await this.fetcher(new URL(path, this.base), {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new AdminApiError(0, 'network', String(error));
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (error.status === 401 && !quietUnauthorized && this.#csrfToken !== undefined) {
        this.#csrfToken = undefined;
        this.onSignedOut();
      }
      throw error;
    }
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new AdminApiError(response.status, 'bad_response', 'The answer was not JSON');
    }
  }

  /** The session this browser holds, if any (after a reload); `undefined` when signed out. */
  async resume(): Promise<SessionResponse | undefined> {
    try {
      const session = await this.#call<SessionResponse>('GET', 'session', undefined, true);
      this.#csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  async signIn(password: string): Promise<SessionResponse> {
    const session = await this.#call<SessionResponse>('POST', 'login', { password }, true);
    this.#csrfToken = session.csrfToken;
    return session;
  }

  async signOut(): Promise<void> {
    try {
      await this.#call<undefined>('POST', 'logout', undefined, true);
    } finally {
      this.#csrfToken = undefined;
    }
  }

  list(parameters: ListParameters): Promise<CommentListResponse> {
    return this.#call('GET', `comments?${queryOf(parameters)}`);
  }

  detail(id: string): Promise<CommentDetailResponse> {
    return this.#call('GET', `comments/${encodeURIComponent(id)}`);
  }

  act(id: string, action: AdminAction): Promise<CommentActionResponse> {
    return this.#call('POST', `comments/${encodeURIComponent(id)}/${action}`);
  }

  bulk(action: AdminAction, ids: string[]): Promise<BulkActionResponse> {
    return this.#call('POST', 'comments/bulk', { action, ids });
  }

  edit(id: string, text: string): Promise<CommentActionResponse> {
    return this.#call('PATCH', `comments/${encodeURIComponent(id)}`, { text });
  }

  references(parameters: ReferenceListParameters): Promise<ReferenceListResponse> {
    return this.#call('GET', `references?${queryOf(parameters)}`);
  }

  /** A moderator's decision on a verified reference: publish, hold, spam or delete it. */
  changeReference(id: string, status: AdminStatus): Promise<ReferenceActionResponse> {
    return this.#call('PATCH', `references/${encodeURIComponent(id)}`, { status });
  }

  thread(key: string): Promise<ThreadResponse> {
    return this.#call('GET', `threads?${new URLSearchParams({ key })}`);
  }

  changeThread(change: ThreadChangeRequest): Promise<ThreadResponse> {
    return this.#call('PATCH', 'threads', change);
  }

  site(): Promise<SiteResponse> {
    return this.#call('GET', 'site');
  }

  setReadOnly(readOnly: boolean): Promise<SiteResponse> {
    return this.#call('PATCH', 'site', { readOnly });
  }

  rules(): Promise<RuleListResponse> {
    return this.#call('GET', 'rules');
  }

  addRule(rule: NewRuleRequest): Promise<RuleResponse> {
    return this.#call('POST', 'rules', rule);
  }

  removeRule(id: string): Promise<undefined> {
    return this.#call('DELETE', `rules/${encodeURIComponent(id)}`);
  }
}
