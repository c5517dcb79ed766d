import type { Logger } from '../logger.js';
import { postWithin } from './remote-call.js';
import { held, spam, type ModerationLayer, type Submission } from './verdict.js';

/** An Akismet-compatible spam check (akismet.com, or a service that speaks its `comment-check`). */
export interface AkismetOptions {
  /** The API key. A secret: never logged. */
  key: string;
  /** The site's URL as registered with the service (Akismet's `blog`), such as `https://blog.example.com/`. */
  site: string;
  /** The service's base URL; `https://rest.akismet.com` by default. */
  url?: string;
  /** How long to wait for an answer, in milliseconds (default 3 000); past it the comment is held. */
  timeoutMs?: number;
}

/** The page a thread is on: its key against the site when it is a path (the widget's default), else the key. */
function permalinkOf(thread: string, site: string): string {
  try {
    return new URL(thread, site).href;
  } catch {
    return thread;
  }
}

/** The fields of `comment-check`, as Akismet's documentation names them. */
function checkFields({ comment, previous, clientAddress, userAgent, referrer, createdAt, via }: Submission) {
  return {
    user_ip: clientAddress ?? '',
    user_agent: userAgent ?? '',
    referrer: referrer ?? '',
    // Akismet knows references from other sites as pingbacks (it has no type of its own for a Webmention).
    comment_type: via ? 'pingback' : comment.parent ? 'reply' : 'comment',
    comment_author: comment.name,
    comment_author_email: comment.email ?? '',
    comment_author_url: comment.url ?? '',
    comment_content: comment.text,
    comment_date_gmt: createdAt,
    // An edit is checked again: a harmless comment edited into an advertisement is a known trick.
    ...(previous && { recheck_reason: 'edit' }),
  };
}

/**
 * Asks an Akismet-compatible service whether a comment is spam: "true" sends it to spam ("spam: akismet"),
 * "false" leaves it to the next layer. Any other answer, a failure or no answer in time holds it ("held: akismet
 * unavailable"): a comment is never lost, nor published unchecked, because the service is down.
 */
export function akismetCheck(options: AkismetOptions, logger: Logger): ModerationLayer {
  const base = (options.url ?? 'https://rest.akismet.com').replace(/\/*$/, '/');
  const endpoint = new URL('1.1/comment-check', base).href;
  const timeoutMs = options.timeoutMs ?? 3_000;
  return async (submission) => {
    const body = new URLSearchParams({
      api_key: options.key,
      blog: options.site,
      permalink: permalinkOf(submission.comment.thread, options.site),
      blog_charset: 'UTF-8',
      ...checkFields(submission),
    });
    let problem: string;
    try {
      const answer = await postWithin(
        endpoint,
        {
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
            'User-Agent': 'natter',
          },
          body: body.toString(),
        },
        timeoutMs,
      );
      const verdict = answer.status === 200 ? answer.text.trim() : '';
      if (verdict === 'true') return spam('akismet');
      if (verdict === 'false') return undefined;
      // Akismet explains an invalid key or a missing field in this header; it holds no secret.
      const help = answer.headers.get('x-akismet-debug-help');
      problem = `answered ${answer.status} ${JSON.stringify(answer.text.slice(0, 100))}${help ? `: ${help}` : ''}`;
    } catch (error) {
      problem = (error as Error).message;
    }
    logger.log('warn', 'akismet unavailable: comment held', { problem, comment: submission.id });
    return held('akismet unavailable');
  };
}
