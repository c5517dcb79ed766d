import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';

// Reading the server's HTML in tests, as a browser's parser reads it (parse5 implements the HTML standard's).

export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];

/** A whole document, parsed. */
export const parseDocument = (html: string): HtmlNode => parse(html);
/** A fragment, parsed as the content of a `<div>`. */
export const parseHtmlFragment = (html: string): HtmlNode => parseFragment(html);

/** Every element under `node`, in document order. */
export function elementsIn(node: HtmlNode): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (current: HtmlNode) => {
    const children = 'childNodes' in current ? current.childNodes : [];
    for (const child of children) {
      if ('tagName' in child) found.push(child);
      walk(child);
    }
    if ('content' in current) walk(current.content);
  };
  walk(node);
  return found;
}

/** An element's attribute, or `undefined`. */
export function attribute(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((each) => each.name === name)?.value;
}

/** Whether `element` has class `name`. */
export const hasClass = (element: HtmlElement, name: string): boolean =>
  (attribute(element, 'class') ?? '').split(/\s+/).includes(name);

/** The elements under `node` with class `name`. */
export const byClass = (node: HtmlNode, name: string): HtmlElement[] =>
  elementsIn(node).filter((element) => hasClass(element, name));

/** The text of `node`, `<br>` as a newline. */
export function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (node.nodeName === 'br') return '\n';
  const children = 'childNodes' in node ? node.childNodes : [];
  return children.map(textOf).join('');
}

/** A comment body's visible text: paragraphs apart by a blank line, line breaks as newlines. */
export function bodyText(body: HtmlElement): string {
  return elementsIn(body)
    .filter((element) => element.tagName === 'p')
    .map(textOf)
    .join('\n\n');
}

/** The value of the form field `name` (an input's value, a textarea's text). */
export function fieldValue(node: HtmlNode, name: string): string | undefined {
  const field = elementsIn(node).find((element) => attribute(element, 'name') === name);
  if (!field) return undefined;
  return field.tagName === 'textarea' ? textOf(field) : attribute(field, 'value');
}
