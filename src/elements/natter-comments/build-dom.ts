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

function withContent<E extends Element>(
  node: E,
  attributes: Record<string, string>,
  children: (Node | string)[],
) {
  for (const name in attributes) node.setAttribute(name, attributes[name] as string);
  node.append(...children);
  return node;
}
