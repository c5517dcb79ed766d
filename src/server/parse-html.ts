import {
  defaultTreeAdapter,
  parse,
  parseFragment,
  type DefaultTreeAdapterMap,
  type TreeAdapter,
} from 'parse5';

// HTML from elsewhere (a page a Webmention names, a comment an import brings) parsed as browsers parse it, with a
// cap on nesting: parse5 spends time in proportion to the depth on each element, so that a megabyte of `<div>`s,
// 200,000 deep, would take minutes.

type Document = DefaultTreeAdapterMap['document'];
type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** An element of HTML parsed by parse5. */
export type HtmlElement = Element;

/** HTML parsed down to a depth, and whether it was cut there (what came before is kept). */
export interface BoundedParse<Root> {
  root: Root;
  isCut: boolean;
}

/** Thrown to stop parse5 at the cap. */
class TooDeep extends Error {}

/**
 * A tree adapter that throws `TooDeep` when an element would nest deeper than `maxDepth`, and keeps what parse5
 * builds its result in: the document, and the stand-in document (an element it names `documentmock`) under whose
 * `<html>` a fragment grows before it is moved into the fragment at the end.
 */
function depthCapped(maxDepth: number) {
  const depths = new WeakMap<Node, number>();
  const built: { document?: Document; documentMock?: Element } = {};
  const place = (parent: Node, child: Node) => {
    const depth = (depths.get(parent) ?? 0) + 1;
    if (depth > maxDepth) throw new TooDeep();
    depths.set(child, depth);
  };
  const treeAdapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
    createDocument: () => (built.document = defaultTreeAdapter.createDocument()),
    createElement(tagName, namespace, attributes) {
      const element = defaultTreeAdapter.createElement(tagName, namespace, attributes);
      if (tagName === 'documentmock') built.documentMock = element;
      return element;
    },
    appendChild(parent, child) {
      place(parent, child);
      defaultTreeAdapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      place(parent, child);
      defaultTreeAdapter.insertBefore(parent, child, reference);
    },
    // A `<template>`'s content is a fragment of its own, but as deep as the template.
    setTemplateContent(template, content) {
      depths.set(content, depths.get(template) ?? 0);
      defaultTreeAdapter.setTemplateContent(template, content);
    },
  };
  return { treeAdapter, built };
}

/** `html` parsed as a browser parses a page, down to `maxDepth` elements deep. */
export function parseHtmlDocument(html: string, maxDepth: number): BoundedParse<Document> {
  const { treeAdapter, built } = depthCapped(maxDepth);
  try {
    return { root: parse(html, { treeAdapter }), isCut: false };
  } catch (error) {
    if (!(error instanceof TooDeep) || !built.document) throw error;
    return { root: built.document, isCut: true };
  }
}

/** `html` parsed as a browser parses a fragment of `<body>`, down to `maxDepth`: its nodes are the root's children. */
export function parseHtmlFragment(html: string, maxDepth: number): BoundedParse<ParentNode> {
  const { treeAdapter, built } = depthCapped(maxDepth);
  try {
    return { root: parseFragment(html, { treeAdapter }), isCut: false };
  } catch (error) {
    // Cut short, the nodes are those of the stand-in document's `<html>`.
    const root = built.documentMock?.childNodes[0];
    if (!(error instanceof TooDeep) || !root || !defaultTreeAdapter.isElementNode(root)) throw error;
    return { root, isCut: true };
  }
}

/** The value of `element`'s attribute `name` (lower case), if it has one. */
export function attributeOf(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}
