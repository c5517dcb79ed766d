import { sha256, toBase64Url } from '../base64url.js';
import { escapeHtml } from '../notifications/email.js';

/**
 * The small pages the links of reply notifications land on: a confirmation that worked, an unsubscribe button, and
 * what went wrong with a link. Server-rendered, English, no script; what they show besides natter's own words is a
 * page URL (pageUrlOf keeps it http or https) and the unsubscribe link's own address, each escaped.
 */

/** One page: its status, heading, paragraphs, and at most a link and a one-button form. */
export interface ReplyPage {
  status: 200 | 400 | 404 | 410;
  title: string;
  paragraphs: readonly string[];
  /** A link back to the page of the comment. */
  link?: { href: string; text: string };
  /** A form POSTing `List-Unsubscribe=One-Click` to `action`, as a mail client does (RFC 8058). */
  form?: { action: string; button: string };
}

const styles = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}',
  'main{max-width:36rem;margin:3rem auto;padding:0 1.25rem}',
  'h1{font-size:1.5rem;line-height:1.25}',
  'a{color:#0b57d0}',
  'button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}',
  'button:focus-visible,a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
  '@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161616}a{color:#8ab4f8}button{background:#8ab4f8;border-color:#8ab4f8;color:#161616}}',
].join('');

let stylesHash: Promise<string> | undefined;

/**
 * The headers of every page: no script may run, only the page's own style applies, and the link's token never
 * leaves in a `Referer` (it unsubscribes whoever holds it). No cache keeps a page, and no search engine lists one.
 */
export async function replyPageHeaders(): Promise<Record<string, string>> {
  stylesHash ??= sha256(styles).then((hash) => toBase64Url(hash).replace(/-/g, '+').replace(/_/g, '/'));
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src 'sha256-${await stylesHash}='`,
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
  };
}

/** The page as an HTML document. */
export function renderReplyPage(page: ReplyPage): string {
  const body = [
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`),
    page.form &&
      `<form method="post" action="${escapeHtml(page.form.action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(page.form.button)}</button></form>`,
    page.link && `<p><a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.text)}</a></p>`,
  ].filter(Boolean);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
