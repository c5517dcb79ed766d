import { defaultTreeAdapter, html as spec, serialize, type DefaultTreeAdapterMap } from 'parse5';

// HTML built as a tree of elements and text nodes and written out by the HTML standard's serialization algorithm
// (parse5's, the one browsers run for `innerHTML`), as the widget builds DOM: user text is only ever a text node or
// a checked attribute value, and the serializer escapes it. No string of markup is ever put together by hand.

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/** What may stand in a list of children: nodes, text (a text node), and nothing (`false`, `null`, `undefined`). */
export type Child = Node | string | false | null | undefined | readonly Child[];

/** Attribute values: a string or number as written, `true` for an empty boolean attribute, nothing to leave it out. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * Element names written only by natter's code, never from input. The raw-text elements (`script`, `style`) are not
 * among them: their text is not escaped by the serializer (see {@link jsonScript}).
 */
export type TagName =
  | 'a'
  | 'article'
  | 'body'
  | 'bdi'
  | 'br'
  | 'button'
  | 'div'
  | 'form'
  | 'h1'
  | 'h2'
  | 'head'
  | 'header'
  | 'html'
  | 'input'
  | 'label'
  | 'li'
  | 'link'
  | 'main'
  | 'meta'
  | 'nav'
  | 'ol'
  | 'p'
  | 'span'
  | 'textarea'
  | 'time'
  | 'title';

function append(parent: Element, child: Child): void {
  if (child === false || child === null || child === undefined || child === '') return;
  if (typeof child === 'string')
    defaultTreeAdapter.appendChild(parent, defaultTreeAdapter.createTextNode(child));
  else if (Array.isArray(child)) for (const each of child as readonly Child[]) append(parent, each);
  else defaultTreeAdapter.appendChild(parent, child as Node);
}

function create(tag: string, attributes: Attributes, children: readonly Child[]): Element {
  const attrs = Object.entries(attributes).flatMap(([name, value]) =>
    value === false || value === null || value === undefined
      ? []
      : [{ name, value: value === true ? '' : String(value) }],
  );
  const element = defaultTreeAdapter.createElement(tag, spec.NS.HTML, attrs);
  for (const child of children) append(element, child);
  return element;
}

/** An HTML element with `attributes` and `children`. */
export function h(tag: TagName, attributes: Attributes = {}, ...children: Child[]): Element {
  // A parser drops the line feed that opens a textarea: the standard's serialization writes one more, which parse5's
  // does not (it is the one part of the algorithm it leaves out), so that a text that starts with one keeps it.
  if (tag === 'textarea' && typeof children[0] === 'string' && children[0].startsWith('\n')) {
    return create(tag, attributes, ['\n', ...children]);
  }
  return create(tag, attributes, children);
}

/**
 * A `<script type="application/json">` holding `value`. Script text is written as it is, so every `<` of the JSON is
 * written `\u003c` (JSON's own escape, read back as `<`): no `</script>` or `<!--` in the data can end the element.
 */
export function jsonScript(value: unknown, attributes: Attributes = {}): Element {
  const text = JSON.stringify(value).replace(/</g, '\\u003c');
  return create('script', { type: 'application/json', ...attributes }, [text]);
}

/** `children` as HTML. */
export function toHtml(...children: Child[]): string {
  const fragment = defaultTreeAdapter.createDocumentFragment();
  const holder = create('div', {}, children);
  for (const node of [...holder.childNodes]) defaultTreeAdapter.appendChild(fragment, node);
  return serialize(fragment);
}

/** A whole document: the doctype, then `root` (an `<html>` element). */
export function toDocument(root: Element): string {
  return `<!doctype html>\n${toHtml(root)}`;
}
