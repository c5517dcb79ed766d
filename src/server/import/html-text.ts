import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { attributeOf, parseHtmlFragment } from '../parse-html.js';

type Node = DefaultTreeAdapterMap['node'];

/** How a source's text treats line breaks outside of tags. */
export interface HtmlTextOptions {
  /**
   * `true` for text typed by people in which a line break is a line break, and HTML tags are allowed besides
   * (WordPress, Isso); `false` for HTML, in which line breaks are spaces (Disqus, Remark42).
   */
  keepsLineBreaks: boolean;
  /** Rewrites a link's address before it is written out (Disqus's redirects); `undefined` drops the address. */
  rewriteHref?: (href: string) => string | undefined;
}

/** What was left out of a text, for the import's summary. */
export interface HtmlText {
  text: string;
  /** Whether elements whose contents are never text (`<script>`, `<style>`, …) were left out. */
  hadHiddenContent: boolean;
  /** Whether the HTML nested deeper than `maxDepth` and was read only down to there. */
  isCut: boolean;
}

/** Elements whose contents a reader never saw as text. */
const hidden = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
  'button',
]);
/** Elements that stand as paragraphs: a blank line around them. */
const paragraphs = new Set([
  'p',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'table',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
/** Elements that stand on lines of their own. */
const lines = new Set([
  'div',
  'li',
  'tr',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'figcaption',
]);

/**
 * How deep the HTML of one comment may nest before the rest is left unread (src/server/parse-html.ts says why): no
 * comment nests this deep.
 */
const maxDepth = 256;

/** An http, https or mailto address as written out, or `undefined` for any other (`javascript:`, relative, …). */
function absoluteHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = new URL(href.trim());
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link's address and text alike, for comparison: no scheme, `www.` or `mailto:`, nor a slash or an ellipsis at the end. */
const bare = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^(https?:\/\/|mailto:)/, '')
    .replace(/^www\./, '')
    .replace(/(\.\.\.|…)$/, '')
    .replace(/\/$/, '');

/** A link as text: its text and its address, or the address alone when the text only shows it (perhaps shortened). */
function linkText(text: string, href: string): string {
  const shown = bare(text);
  if (shown === '' || bare(href).startsWith(shown)) return href;
  return `${text.trim()} (${href})`;
}

/**
 * Writes HTML as natter's plain text: the text a reader saw, links as `text (URL)` or the URL alone, entities
 * decoded, `<br>` a line break, paragraphs apart by a blank line, list items as `- item`. Only what a browser would
 * have shown becomes text: scripts, styles and the like are left out whole. Never markup: the result is text.
 */
export function htmlToText(html: string, options: HtmlTextOptions): HtmlText {
  const { root, isCut } = parseHtmlFragment(html, maxDepth);
  let hadHiddenContent = false;
  /**
   * The text as written so far. Breaks are private-use characters (taken out of the source's text), collapsed with
   * the space around them when the text is tidied: U+E000 a line break of the text's own (`<br>`, or a line feed
   * where line breaks count), which add up; U+E001 and U+E002 the edge of a line or a paragraph (`<li>`, `<p>`),
   * of which the largest counts.
   */
  const out: string[] = [];
  const breakLine = (count: 1 | 2) => out.push(count === 2 ? '\uE002' : '\uE001');
  const writeText = (raw: string, isPre: boolean) => {
    const value = raw.replace(/[\uE000-\uE002]/g, '').replace(/\r\n?/g, '\n');
    // Preformatted text keeps its lines and their indentation: real line feeds, which tidy() leaves alone.
    if (isPre) out.push(value);
    else if (options.keepsLineBreaks) out.push(value.replace(/[ \t\f]+/g, ' ').replace(/\n/g, '\uE000'));
    else {
      // White space collapses across elements too, as a browser shows it: `a <b> b</b>` has one space.
      const collapsed = value.replace(/[ \t\n\f]+/g, ' ');
      out.push(out.at(-1)?.endsWith(' ') ? collapsed.replace(/^ /, '') : collapsed);
    }
  };
  // Iterative, so that nesting costs no stack: a list of what to do, last first.
  type Step = { node: Node; isPre: boolean } | { close: () => void };
  const steps: Step[] = [...root.childNodes].reverse().map((node) => ({ node, isPre: false }));
  for (let step = steps.pop(); step; step = steps.pop()) {
    if ('close' in step) {
      step.close();
      continue;
    }
    const { node, isPre } = step;
    if (defaultTreeAdapter.isTextNode(node)) {
      writeText(node.value, isPre);
      continue;
    }
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    const tag = node.tagName;
    if (hidden.has(tag)) {
      hadHiddenContent ||=
        node.childNodes.length > 0 || tag === 'iframe' || tag === 'object' || tag === 'embed';
      continue;
    }
    if (tag === 'br') {
      out.push('\uE000');
      continue;
    }
    if (tag === 'img') {
      const alt = attributeOf(node, 'alt')?.trim();
      const src = absoluteHref(attributeOf(node, 'src'));
      if (alt) out.push(alt);
      else if (src) out.push(src);
      continue;
    }
    const children: Step[] = [...node.childNodes].map((child) => ({
      node: child,
      isPre: isPre || tag === 'pre',
    }));
    if (tag === 'a') {
      const written = absoluteHref(attributeOf(node, 'href'));
      const href = written === undefined || !options.rewriteHref ? written : options.rewriteHref(written);
      if (href !== undefined) {
        // The link's text is collected on its own, then written with its address.
        const start = out.length;
        steps.push({
          close: () => {
            const text = out
              .splice(start)
              .join('')
              .replace(/[\uE000-\uE002]+/g, ' ');
            out.push(linkText(text, href));
          },
        });
      }
    } else if (paragraphs.has(tag) || lines.has(tag)) {
      const count = paragraphs.has(tag) ? 2 : 1;
      breakLine(count);
      steps.push({ close: () => breakLine(count) });
      if (tag === 'li') out.push('- ');
    }
    steps.push(...children.reverse());
  }
  return { text: tidy(out.join('')), hadHiddenContent, isCut };
}

/** HTML's entities decoded and its tags left out, on one line: a name or title as a page showed it. */
export function htmlLine(html: string): string {
  return htmlToText(html, { keepsLineBreaks: false }).text.replace(/\s+/g, ' ');
}

/** The text with its breaks written: spaces around a break go, at most one blank line in a row, none at either end. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]*[\uE000-\uE002](?:[ \t]*[\uE000-\uE002])*[ \t]*/g, (run) => {
      const own = run.split('\uE000').length - 1;
      const edge = run.includes('\uE002') ? 2 : run.includes('\uE001') ? 1 : 0;
      return Math.max(own, edge) > 1 ? '\n\n' : '\n';
    })
    .trim();
}
