import { documentUrl } from './clean-values.js';
import type { SourceDocument } from './source-document.js';

/** How deep into a JSON source the search goes: real documents (JF2, ActivityStreams) nest a few levels. */
const jsonDepth = 32;

/** Whether a JSON value holds, anywhere within `jsonDepth` levels, a string naming the document `target`. */
function jsonNames(value: unknown, target: string): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value === 'string') {
      if (documentUrl(item.value) === target) return true;
    } else if (typeof item.value === 'object' && item.value !== null && item.depth < jsonDepth) {
      for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return false;
}

/**
 * Whether a source links to `target` (an absolute URL without fragment), by the rules of Webmention §3.2.2: in
 * HTML a link (`HtmlPage.links`) resolved against the page's base URL, in JSON a string value, compared as URLs
 * with fragments left out; in plain text `target` as written, anywhere. Other media types link to nothing.
 */
export function linksToTarget(source: SourceDocument, target: string): boolean {
  const wanted = documentUrl(target);
  if (wanted === undefined) return false;
  switch (source.type) {
    case 'html':
      return source.page.links.some((href) => documentUrl(href, source.page.baseUrl) === wanted);
    case 'json':
      return jsonNames(source.value, wanted);
    case 'text':
      return source.text.includes(target);
    case 'other':
      return false;
  }
}
