import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap } from 'parse5';

/** An element of a page parsed by parse5. */
export type HtmlElement = DefaultTreeAdapterMap['element'];

/** A page as a browser would read it (parse5 follows the HTML standard): comments and escaped text stay text. */
export function parseHtml(html: string): DefaultTreeAdapterMap['document'] {
  return parse(html);
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

/** The value of `element`'s attribute `name` (lower case), if it has one. */
export function attributeOf(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

/** The link types of `element`'s `rel`, in lower case: `rel="WebMention me"` is `['webmention', 'me']`. */
export function relsOf(element: HtmlElement): string[] {
  return (attributeOf(element, 'rel') ?? '')
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .filter(Boolean);
}
