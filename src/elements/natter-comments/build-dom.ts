// Copies of elements made once, shared with the text's links (src/text/copies.ts).
export { copies } from '../../text/copies.js';

/**
 * Elements made by DOM calls, for what the widget shows of every comment (comment-content.ts): a thread of thousands
 * makes them faster this way than from a template each. Attributes and text only, set as such: nothing is ever
 * parsed as HTML.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  return withContent(document.createElement(tag), attributes, children);
}

/** An SVG element, as {@link element} makes an HTML one. */
export function svgElement(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]) {
  return withContent(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

/** Sets `name` on `node` to `value`, or removes it for `undefined`; untouched when it says that already. */
export function setAttribute(node: Element, name: string, value: string | undefined): void {
  if (value === undefined) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Sets the text of `node`, untouched when it says that already. */
export function setText(node: Text, text: string): void {
  if (node.data !== text) node.data = text;
}

function withContent<E extends Element>(
  node: E,
  attributes: Record<string, string>,
  children: (Node | string)[],
) {
  for (const name in attributes) node.setAttribute(name, attributes[name] as string);
  node.append(...children);
  return node;
}
