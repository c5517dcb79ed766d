/**
 * Takes event-handler (`on…`) and `style` attributes and `<style>` elements out of HTML before any parser sees it.
 *
 * Chromium checks these against the page's Content-Security-Policy while it merely parses them, into any document
 * of the page's window, inert ones included (DOMParser, `<template>`, `createHTMLDocument`): on a page with
 * `script-src 'self'` or `style-src 'self'` each one is blocked, harmlessly, and reported as a
 * `securitypolicyviolation`. DOMPurify would remove every one of them afterwards anyway (natter forbids `style`),
 * so taking them out of the string first changes nothing but the reports.
 *
 * This is not a sanitizer: it decides nothing about safety, and DOMPurify still sees whatever it leaves. It follows
 * the HTML tokenizer (tags, attributes, comments, raw text) so that it removes those attributes and elements and
 * not one character of anything else. Where the tokenizer's state depends on the tree being built, inside `<svg>`
 * or `<math>`, and the rest of the string could be read two ways, it leaves the rest as it is.
 */

/** A tag as the tokenizer reads it from its `<`, and the spans of the attributes to take out. */
interface Tag {
  name: string;
  isEndTag: boolean;
  isSelfClosing: boolean;
  /** False when the input ends inside the tag: the parser then drops it. */
  isClosed: boolean;
  /** Index after the tag's `>`. */
  end: number;
  removed: [from: number, to: number][];
}

// The tokenizer's whitespace is tab, LF, FF, CR and space; names are matched ASCII case-insensitively (the `i`
// flag without `u` folds nothing outside ASCII into it).
const tagNamePattern = /<(\/?)([a-z][^\t\n\f\r />]*)/iy;
// A slash not closing the tag separates attributes like whitespace.
const betweenAttributesPattern = /(?:[\t\n\f\r ]|\/(?!>))*/y;
// A name (its first character may be `=`), then `= value` if any; a quoted value may run to the end of the input.
const attributePattern =
  /([^\t\n\f\r />][^\t\n\f\r />=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?/y;
const removedAttributePattern = /^(?:on|style$)/i;
// After `<!--`: `<!-->` and `<!--->` close at once, otherwise the first `-->` or `--!>` does.
const commentEndPattern = /-?>|[^]*?--!?>/y;
// Elements whose content the tokenizer reads as text up to their end tag (noscript is markup: DOMParser runs no
// script).
const rawTextPattern = /^(?:style|textarea|title|xmp|iframe|noembed|noframes|script|plaintext)$/i;

/** Reads the tag starting at `html[start]`, or returns undefined when that `<` opens no tag. */
function readTag(html: string, start: number): Tag | undefined {
  tagNamePattern.lastIndex = start;
  const match = tagNamePattern.exec(html);
  if (!match) return undefined;
  const removed: Tag['removed'] = [];
  const tag = (end: number, isClosed = true, isSelfClosing = false): Tag => {
    return { name: match[2], isEndTag: match[1] === '/', isSelfClosing, isClosed, end, removed };
  };
  for (let position = tagNamePattern.lastIndex; ; position = attributePattern.lastIndex) {
    betweenAttributesPattern.lastIndex = position;
    betweenAttributesPattern.exec(html);
    position = betweenAttributesPattern.lastIndex;
    if (position >= html.length) return tag(html.length, false);
    if (html[position] === '>') return tag(position + 1);
    if (html.startsWith('/>', position)) return tag(position + 2, true, true);
    attributePattern.lastIndex = position;
    const attribute = attributePattern.exec(html);
    // It always matches here (this character is no whitespace, `/` or `>`); if it did not, the rest stays as it is.
    if (!attribute) return tag(html.length, false);
    if (removedAttributePattern.test(attribute[1])) removed.push([position, attributePattern.lastIndex]);
  }
}

/** Where the text content of `<script>` opened before `from` ends, following the script data escape states. */
function scriptDataEnd(html: string, from: number): number {
  const pattern = /<(\/?)script[\t\n\f\r />]|<!--|-->/gi;
  pattern.lastIndex = from;
  let state: 'data' | 'escaped' | 'double escaped' = 'data';
  for (let match; (match = pattern.exec(html));) {
    if (match[0] === '<!--') {
      if (state === 'data') state = 'escaped';
      // In the escaped states `<!-->` opens and closes: its dashes may be those of the `-->`.
      pattern.lastIndex = match.index + 2;
    } else if (match[0] === '-->') state = 'data';
    else if (match[1] && state !== 'double escaped') return match.index;
    else if (match[1]) state = 'escaped';
    else if (state === 'escaped') state = 'double escaped';
  }
  return html.length;
}

/** Where the raw text content of `tag` (a start tag named in rawTextPattern) ends: its end tag, or the input's. */
function rawTextEnd(html: string, tag: Tag): number {
  if (/^plaintext$/i.test(tag.name)) return html.length;
  if (/^script$/i.test(tag.name)) return scriptDataEnd(html, tag.end);
  const endTag = new RegExp(`</${tag.name}[\\t\\n\\f\\r />]`, 'gi');
  endTag.lastIndex = tag.end;
  return endTag.exec(html)?.index ?? html.length;
}

/** `html` without event-handler and `style` attributes and `<style>` elements, everything else as it was. */
export function stripHandlersAndStyles(html: string): string {
  let result = '';
  let copied = 0;
  const replace = (from: number, to: number, replacement: string) => {
    result += html.slice(copied, from) + replacement;
    copied = to;
  };
  // Whether an <svg> or <math> may still be open: there the tree builder, not the tokenizer, decides whether
  // `<![CDATA[`, `<style>`, `<title>`… start text or markup.
  let mayBeForeign = false;
  for (let index = html.indexOf('<'); index !== -1; index = html.indexOf('<', index)) {
    if (html.startsWith('<!--', index)) {
      commentEndPattern.lastIndex = index + 4;
      index = commentEndPattern.exec(html) ? commentEndPattern.lastIndex : html.length;
      continue;
    }
    if (mayBeForeign && html.startsWith('<![CDATA[', index)) break;
    const tag = readTag(html, index);
    if (!tag) {
      // `<!DOCTYPE…>`, `<!…>`, `<?…>` and `</` without a letter run to the next `>`; any other `<` is text.
      const close = /^<[!?/]/.test(html.slice(index, index + 2)) ? html.indexOf('>', index + 2) : index;
      index = close === -1 ? html.length : close + 1;
      continue;
    }
    const removeAttributes = () => tag.removed.forEach(([from, to]) => replace(from, to, ' '));
    if (tag.isEndTag || !tag.isClosed || !rawTextPattern.test(tag.name)) {
      // A space where an attribute was keeps the tag's next token where it was (`<svg/onload=…>` stays open).
      removeAttributes();
      if (/^(?:svg|math)$/i.test(tag.name) && !tag.isEndTag) mayBeForeign = true;
      index = tag.end;
      continue;
    }
    const contentEnd = rawTextEnd(html, tag);
    if (mayBeForeign && (tag.isSelfClosing || html.slice(tag.end, contentEnd).includes('<'))) {
      removeAttributes();
      break;
    }
    if (/^style$/i.test(tag.name)) {
      // An empty noframes is built like style in every insertion mode that matters, checks nothing against the
      // CSP, and DOMPurify drops it with its content, as it drops style; removing the element outright could let a
      // `<` or `&` before it join what comes after.
      const end = readTag(html, contentEnd)?.end ?? html.length;
      replace(index, end, '<noframes></noframes>');
      index = end;
    } else {
      removeAttributes();
      index = contentEnd;
    }
  }
  return result + html.slice(copied);
}
