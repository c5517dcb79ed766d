// Bytes of an export to text, streaming. Exports are UTF-8 as a rule; the exceptions met in practice are files
// that declare another charset (or none) and bytes that are not UTF-8 at all (a plugin that wrote Latin-1 into a
// UTF-8 file). Neither stops an import: what was replaced or guessed is said in the summary.

/** A decoder of the web platform's (a type the server's world, without the DOM's, does not name). */
type Decoder = InstanceType<typeof TextDecoder>;

/** How many bytes are looked at for a byte order mark, an XML declaration, and whether the text reads as UTF-8. */
const sniffLength = 64 * 1024;

/** Whether `bytes` are UTF-8 (an incomplete sequence at the end is taken to go on in the next chunk). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** `bytes` as UTF-8 when they are, else as Windows-1252 (which the web reads for "ISO-8859-1" and "ASCII" too). */
export function decodeUtf8OrLegacy(bytes: Uint8Array): { text: string; isUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), isUtf8: true };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), isUtf8: false };
  }
}

/** The encoding a byte order mark names, if `bytes` start with one. */
function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The `encoding` of an XML declaration at the start of `bytes`, if it has one. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

/** How many times the bytes of U+FFFD (EF BF BD) occur in `bytes`: replacement characters the file itself holds. */
function replacementsIn(bytes: Uint8Array): number {
  let count = 0;
  for (
    let index = bytes.indexOf(0xef);
    index !== -1 && index + 2 < bytes.length;
    index = bytes.indexOf(0xef, index + 1)
  ) {
    if (bytes[index + 1] === 0xbf && bytes[index + 2] === 0xbd) count += 1;
  }
  return count;
}

/** The byte chunks of `source`, the first one at least `sniffLength` long unless the source is shorter. */
async function* withLongFirstChunk(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source) {
    if (first.length === 0 && length >= sniffLength) {
      yield chunk;
      continue;
    }
    first.push(chunk);
    length += chunk.length;
    if (length >= sniffLength) {
      yield concat(first);
      first = [];
    }
  }
  if (first.length > 0) yield concat(first);
}

/** One array of the bytes of `chunks`. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/**
 * An XML file's bytes as text, chunk by chunk, in the encoding its byte order mark or declaration names (UTF-8 when
 * none). A declaration of a legacy charset (ISO-8859-1, Windows-1252, …) over bytes that are UTF-8 is taken for the
 * mistake it is; bytes that are not text in the encoding become U+FFFD. `notes` says what was done, once read.
 */
export class XmlDecoding {
  /** What was noticed, for the summary: filled as the text is read. */
  readonly notes: string[] = [];

  /** The text of `source`. */
  async *decode(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
    let decoder: Decoder | undefined;
    let replaced = 0;
    for await (const chunk of withLongFirstChunk(source)) {
      decoder ??= this.#decoderFor(chunk);
      const text = decoder.decode(chunk, { stream: true });
      if (decoder.encoding === 'utf-8') replaced += countReplacements(text) - replacementsIn(chunk);
      yield text;
    }
    const rest = decoder?.decode() ?? '';
    if (rest) {
      replaced += countReplacements(rest);
      yield rest;
    }
    if (replaced > 0) {
      this.notes.push(
        `${replaced} byte sequence(s) were not ${decoder?.encoding ?? 'utf-8'}: each became U+FFFD (�)`,
      );
    }
  }

  #decoderFor(first: Uint8Array): Decoder {
    const bom = byteOrderMark(first);
    // A byte order mark outweighs a declaration, as XML 1.0 appendix F and the HTML standard have it.
    if (bom) return new TextDecoder(bom);
    const declared = declaredEncoding(first);
    if (declared === undefined) return new TextDecoder('utf-8');
    let decoder;
    try {
      decoder = new TextDecoder(declared);
    } catch {
      this.notes.push(`the file declares an encoding natter does not know ("${declared}"): read as UTF-8`);
      return new TextDecoder('utf-8');
    }
    if (decoder.encoding !== 'utf-8' && !decoder.encoding.startsWith('utf-16')) {
      const hasMultibyte = first.some((byte) => byte >= 0x80);
      if (hasMultibyte && isUtf8(first)) {
        this.notes.push(`the file declares ${declared}, but its bytes are UTF-8: read as UTF-8`);
        return new TextDecoder('utf-8');
      }
    }
    return decoder;
  }
}

/** How many U+FFFD `text` holds. */
function countReplacements(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\ufffd'); index !== -1; index = text.indexOf('\ufffd', index + 1))
    count += 1;
  return count;
}

/** A line of a file of lines, by its number (from 1). */
export interface TextLine {
  number: number;
  text: string;
  /** Whether its bytes were not UTF-8, and were read as Windows-1252. */
  wasLegacy: boolean;
  /** Whether it was longer than `maxLineBytes`: its text is then empty. */
  isTooLong: boolean;
}

/** The longest line `linesOf` reads: a line of a line-based export is one record, never near this. */
const maxLineBytes = 16 * 1024 * 1024;

/** The lines of a file, each decoded on its own (UTF-8, else Windows-1252), without their line ends. */
export async function* linesOf(source: AsyncIterable<Uint8Array>): AsyncGenerator<TextLine> {
  let parts: Uint8Array[] = [];
  let length = 0;
  let isTooLong = false;
  let number = 0;
  const finish = (): TextLine => {
    number += 1;
    let bytes = concat(parts);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    if (number === 1 && byteOrderMark(bytes) === 'utf-8') bytes = bytes.subarray(3);
    const line = isTooLong
      ? { number, text: '', wasLegacy: false, isTooLong }
      : { number, ...decodeLine(bytes), isTooLong };
    parts = [];
    length = 0;
    isTooLong = false;
    return line;
  };
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    take(chunk.subarray(start));
  }
  if (length > 0 || parts.length > 0) yield finish();

  function take(bytes: Uint8Array) {
    if (bytes.length === 0) return;
    length += bytes.length;
    if (length > maxLineBytes) {
      isTooLong = true;
      parts = [];
    } else if (!isTooLong) {
      // A copy: the stream may reuse its buffer for the next chunk.
      parts.push(bytes.slice());
    }
  }
}

function decodeLine(bytes: Uint8Array): { text: string; wasLegacy: boolean } {
  const { text, isUtf8: wasUtf8 } = decodeUtf8OrLegacy(bytes);
  return { text, wasLegacy: !wasUtf8 };
}
