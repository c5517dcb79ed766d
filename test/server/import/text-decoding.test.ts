import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linesOf, XmlDecoding } from '../../../src/server/import/text-decoding.js';

/** `bytes` as a stream of chunks of `size` bytes. */
async function* chunks(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

async function decode(bytes: Uint8Array): Promise<{ text: string; notes: readonly string[] }> {
  const decoding = new XmlDecoding();
  let text = '';
  for await (const part of decoding.decode(chunks(bytes))) text += part;
  return { text, notes: decoding.notes };
}

const latin1 = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('Decoding an export', () => {
  it('reads UTF-8, split anywhere, without a note', async () => {
    const { text, notes } = await decode(utf8('<?xml version="1.0" encoding="utf-8"?><a>café 日本語 🎉</a>'));
    assert.equal(text, '<?xml version="1.0" encoding="utf-8"?><a>café 日本語 🎉</a>');
    assert.deepEqual(notes, []);
  });

  it('reads the charset an XML declaration names', async () => {
    const { text, notes } = await decode(
      latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\u00e9</a>'),
    );
    assert.equal(text, '<?xml version="1.0" encoding="ISO-8859-1"?><a>café</a>');
    assert.deepEqual(notes, []);
  });

  it('reads UTF-8 bytes as UTF-8 when the declaration names a legacy charset, and says so', async () => {
    const { text, notes } = await decode(utf8('<?xml version="1.0" encoding="ISO-8859-1"?><a>café</a>'));
    assert.equal(text, '<?xml version="1.0" encoding="ISO-8859-1"?><a>café</a>');
    assert.match(notes[0] ?? '', /declares ISO-8859-1, but its bytes are UTF-8/);
  });

  it('replaces bytes that are not UTF-8 with U+FFFD and counts them, but not the U+FFFD the file holds', async () => {
    const bytes = new Uint8Array([...utf8('<a>caf'), 0xe9, 0xff, ...utf8(' \ufffd</a>')]);
    const { text, notes } = await decode(bytes);
    assert.equal(text, '<a>caf\ufffd\ufffd \ufffd</a>');
    assert.match(notes[0] ?? '', /^2 byte sequence\(s\) were not utf-8/);
  });

  it('reads an unknown declared charset as UTF-8, and a byte order mark over the declaration', async () => {
    assert.match(
      (await decode(utf8('<?xml version="1.0" encoding="x-martian"?><a/>'))).notes[0] ?? '',
      /x-martian/,
    );
    const bom = await decode(
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<?xml version="1.0" encoding="windows-1252"?><a>é</a>')]),
    );
    assert.equal(bom.text.endsWith('<a>é</a>'), true);
  });

  it('reads lines, each as UTF-8 or else Windows-1252, with CRLF ends', async () => {
    const bytes = new Uint8Array([...utf8('{"a":"é"}\r\n'), ...latin1('{"b":"\u00e9"}\n'), ...utf8('last')]);
    const lines = [];
    for await (const line of linesOf(chunks(bytes, 3))) lines.push(line);
    assert.deepEqual(
      lines.map(({ number, text, wasLegacy }) => [number, text, wasLegacy]),
      [
        [1, '{"a":"é"}', false],
        [2, '{"b":"é"}', true],
        [3, 'last', false],
      ],
    );
  });
});
