import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { attributeOf, parseHtmlDocument, type HtmlElement } from '../parse-html.js';

export { attributeOf, type HtmlElement };

/**
 * How deep a page's elements may nest before the rest of it is left unread (src/server/parse-html.ts says why):
 * real pages nest a few dozen deep, and Chromium's parser no deeper than 512.
 */
export const maxPageDepth = 512;

/**
 * A page as a browser would read it (parse5 follows the HTML standard), down to `maxPageDepth`: comments and
 * escaped text stay text.
 */
export function parseHtml(html: string): DefaultTreeAdapterMap['document'] {
  return parseHtmlDocument(html, maxPageDepth).root;
}

/**
 * The elements below `root`, in document order. Iterative, so that a page nesting elements thousands deep costs no
 * stack; a `<template>`'s contents are not part of the page, and are left out as browsers leave them out.
 */
export function* elementsIn(root: DefaultTreeAdapterMap['parentNode']): Generator<HtmlElement> {
  const pending: DefaultTreeAdapterMap['childNode'][] = [];
  const pushChildren = (parent: DefaultTreeAdapterMap['parentNode']) => {
    for (const child of parent.childNodes.toReversed()) pending.push(child);
  };
  pushChildren(root);
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    yield node;
    pushChildren(node);
  }
}

/** The link types of `element`'s `rel`, in lower case: `rel="WebMention me"` is `['webmention', 'me']`. */
export function relsOf(element: HtmlElement): string[] {
  return (attributeOf(element, 'rel') ?? '')
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .filter(Boolean);
}
