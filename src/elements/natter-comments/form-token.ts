import { limits, requestFormToken, type Connection } from '../../client/index.js';

/** A token older than this is fetched again before posting: the server refuses one after a day. */
export const formTokenRefreshAgeMs = 60 * 60_000;

/** A token as the server gave it, and when it arrived. */
interface IssuedToken {
  token: string;
  /** How old the server wants it when the post arrives. */
  minimumAgeMs: number;
  /** `Date.now()` when the answer arrived: never before the server issued it, so the age it gives is never too high. */
  receivedAt: number;
}

/**
 * The post form's form token (`GET /api/v1/form-token`, docs/protocol.md#spam-defence): asked for when the reader
 * starts writing, so that it has aged by the time they post, and again on their next keystroke once it is an hour
 * old; asked for before posting only when it is missing or old all the same, and then, like any token, held back
 * until it is old enough that the server believes a person wrote the comment, so that a reader quicker than that is
 * never misfiled as a bot. When the server gives none, the comment is posted without (the server then holds it for
 * a moderator rather than losing it). A token serves one accepted post.
 */
export class FormTokens {
  /** The endpoint and thread the token was asked for. */
  #scope = '';
  #issued?: Promise<IssuedToken | undefined>;
  /** The token `#issued` brought, once it came. */
  #arrived?: IssuedToken;

  #request(connection: Connection, scope: string, thread: string): Promise<IssuedToken | undefined> {
    this.#scope = scope;
    this.#arrived = undefined;
    const issued = requestFormToken(connection, thread).then(
      ({ formToken, minimumAgeMs = limits.formTokenMinimumAgeMs }) => {
        const arrived = { token: formToken, minimumAgeMs, receivedAt: Date.now() };
        if (this.#issued === issued) this.#arrived = arrived;
        return arrived;
      },
      () => undefined,
    );
    this.#issued = issued;
    return issued;
  }

  /**
   * Asks for a token for `thread` (named with its endpoint by `scope`), unless one is on its way or there and less
   * than an hour old.
   */
  prepare(connection: Connection, scope: string, thread: string): void {
    const isOld =
      this.#arrived !== undefined && Date.now() - this.#arrived.receivedAt > formTokenRefreshAgeMs;
    if (scope !== this.#scope || !this.#issued || isOld) void this.#request(connection, scope, thread);
  }

  /**
   * The token to post to `thread` with, once it is old enough (the caller stays busy meanwhile), or `undefined`
   * when the server gives none.
   */
  async take(connection: Connection, scope: string, thread: string): Promise<string | undefined> {
    let issued = scope === this.#scope ? await this.#issued : undefined;
    if (!issued || Date.now() - issued.receivedAt > formTokenRefreshAgeMs) {
      issued = await this.#request(connection, scope, thread);
    }
    if (!issued) return undefined;
    const wait = issued.minimumAgeMs - (Date.now() - issued.receivedAt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return issued.token;
  }

  /** Forgets the token once a post with it was accepted: the next comment gets a token of its own. */
  spend(): void {
    this.#issued = undefined;
    this.#arrived = undefined;
  }
}
