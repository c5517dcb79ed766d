import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SourceError } from './source-records.js';

/** An element of an XML record, with all its descendants; names are qualified as written (`wp:comment`). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Its own text and CDATA, without its children's. */
  text: string;
}

/** What becomes of an element at a path (`rss/channel/item`): read whole, left out, or looked into. */
export type XmlChoice = 'record' | 'skip' | 'descend';

/** What the XML stream tells, in document order. */
export type XmlEvent =
  /** An element that is looked into has begun. */
  | { kind: 'open'; path: string }
  /** An element chosen as a record, read whole. */
  | { kind: 'record'; path: string; element: XmlElement; isTooLarge: boolean };

/** The most text one record holds: anything beyond is left out and the record marked too large. */
const maxRecordText = 16 * 1024 * 1024;

/** The text of `element`'s first child named `name`, or '' when it has none. */
export function childText(element: XmlElement, name: string): string {
  return element.children.find((child) => child.name === name)?.text ?? '';
}

/**
 * Reads XML as a stream of records: `choose` says, for each element, by its path from the root, whether it is a
 * record (read whole and yielded when it ends), left out with everything in it, or looked into. Only the record being
 * read is held in memory, so a file of any size streams through.
 */
export async function* xmlEvents(
  text: AsyncIterable<string>,
  choose: (path: string) => XmlChoice,
): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser();
  const ready: XmlEvent[] = [];
  const path: string[] = [];
  /** How many elements deep a left-out element is open (0: none is). */
  let skipping = 0;
  /** The record being read: its elements from its root down to the open one. */
  let open: XmlElement[] = [];
  let recordText = 0;
  let isTooLarge = false;
  const addText = (value: string) => {
    const element = open.at(-1);
    if (!element || skipping > 0) return;
    recordText += value.length;
    if (recordText > maxRecordText) isTooLarge = true;
    else element.text += value;
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    path.push(tag.name);
    if (skipping > 0) {
      skipping += 1;
      return;
    }
    const element: XmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '' };
    const parent = open.at(-1);
    if (parent) {
      parent.children.push(element);
      open.push(element);
      return;
    }
    const where = path.join('/');
    const choice = choose(where);
    if (choice === 'skip') skipping = 1;
    else if (choice === 'record') {
      open = [element];
      recordText = 0;
      isTooLarge = false;
    } else ready.push({ kind: 'open', path: where });
  });
  parser.on('closetag', () => {
    const where = path.join('/');
    path.pop();
    if (skipping > 0) {
      skipping -= 1;
      return;
    }
    const element = open.pop();
    if (element && open.length === 0) ready.push({ kind: 'record', path: where, element, isTooLarge });
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error: Error) => {
    throw new SourceError(`the XML is not well-formed: ${error.message}`);
  });
  for await (const chunk of text) {
    parser.write(chunk);
    yield* ready.splice(0);
  }
  parser.close();
  yield* ready.splice(0);
}
