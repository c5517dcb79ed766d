// Reading and posting the thread page (GET and POST /thread) as a browser does, for its suites.
import assert from 'node:assert/strict';
import { allowedOrigin, uniqueThread, type Answer, type TestApp } from './helpers.js';
import { bodyText, byClass, fieldValue, parseDocument, textOf, type HtmlNode } from './html-helpers.js';

/** A page of the blog of its own, and its thread. */
export function aPage(): { article: string; articleThread: string } {
  const articleThread = uniqueThread();
  return { article: `${allowedOrigin}${articleThread}`, articleThread };
}

/** `GET /thread?…` with these parameters (and request `headers`). */
export function getPage(
  app: TestApp,
  query: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return app.request(`/thread?${new URLSearchParams(query)}`, { headers });
}

/** `POST /thread` as a browser sends a form. */
export function postForm(app: TestApp, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request('/thread', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The fields of the page's form as a browser would send them, with the reader's `typed` values. */
export function formFields(page: HtmlNode, typed: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of [
    'thread',
    'parent',
    'return',
    'formToken',
    'lang',
    'homepage',
    'name',
    'email',
    'url',
    'text',
  ]) {
    const value = fieldValue(page, name);
    if (value !== undefined) fields[name] = value;
    else if (name === 'homepage') fields[name] = '';
  }
  return { ...fields, ...typed };
}

/** Loads the thread page of `query`, waits as a reader writing would, and posts its form with `typed`. */
export async function writeAndPost(
  app: TestApp,
  query: Record<string, string>,
  typed: Record<string, string>,
  writingMs = 20_000,
): Promise<Answer> {
  const page = await getPage(app, query);
  assert.equal(page.status, 200, page.text);
  app.clock.advance(writingMs);
  return postForm(app, formFields(parseDocument(page.text), typed));
}

/** The comments an HTML page or fragment shows, as author and text. */
export function shownComments(node: HtmlNode): { author: string; text: string }[] {
  return byClass(node, 'natter-comment').map((item) => ({
    author: textOf(byClass(item, 'natter-author')[0]!),
    text: bodyText(byClass(item, 'natter-body')[0]!),
  }));
}
