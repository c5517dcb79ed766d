import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unwrapDisqusLink } from '../../../src/server/import/disqus-reader.js';
import { htmlLine, htmlToText } from '../../../src/server/import/html-text.js';

const html = (value: string) => htmlToText(value, { keepsLineBreaks: false }).text;
const typed = (value: string) => htmlToText(value, { keepsLineBreaks: true }).text;

describe('HTML of imported comments as plain text', () => {
  it('writes a link as its text and address, or the address alone when the text shows it', () => {
    assert.equal(
      html('See <a href="https://docs.example/guide">the guide</a>.'),
      'See the guide (https://docs.example/guide).',
    );
    assert.equal(
      html('<a href="https://docs.example/guide">https://docs.example/guide</a>'),
      'https://docs.example/guide',
    );
    assert.equal(
      html('<a href="https://www.docs.example/a/very/long/path">docs.example/a/very/lo…</a>'),
      'https://www.docs.example/a/very/long/path',
    );
    assert.equal(
      html('<a href="mailto:ada@reader.example">ada@reader.example</a>'),
      'mailto:ada@reader.example',
    );
  });

  it('keeps only the text of a link to anything but http, https or mailto', () => {
    assert.equal(
      html('<a href="javascript:alert(1)">click me</a> <a href="/relative">here</a>'),
      'click me here',
    );
  });

  it('decodes entities, and turns <br> and paragraphs into line breaks', () => {
    assert.equal(
      html('<p>Ada &amp; Grace &lt;3&nbsp;&#x1F389;<br>next line</p><p>second   paragraph</p>'),
      'Ada & Grace <3\u00a0🎉\nnext line\n\nsecond paragraph',
    );
    assert.equal(html('<ul>\n<li>one</li>\n<li>two</li>\n</ul><p>after</p>'), '- one\n- two\n\nafter');
  });

  it('keeps the line breaks of typed text, and never more than one blank line', () => {
    assert.equal(typed('Hi,\nthis is <strong>bold</strong>.\n\n\n\nBye'), 'Hi,\nthis is bold.\n\nBye');
    assert.equal(html('Hi,\nthis is\n<strong>bold</strong>.'), 'Hi, this is bold.');
  });

  it('leaves out scripts, styles and frames whole, and says so', () => {
    const result = htmlToText(
      'Nice<script>alert(document.cookie)</script><style>p{}</style><iframe src="https://evil.example/"></iframe> <img src="x" onerror="alert(1)"> end',
      { keepsLineBreaks: false },
    );
    assert.equal(result.text, 'Nice end');
    assert.equal(result.hadHiddenContent, true);
    assert.equal(htmlToText('plain', { keepsLineBreaks: false }).hadHiddenContent, false);
  });

  it('writes an image as its alternative text, else its address', () => {
    assert.equal(
      html('<img src="https://img.example/a.png" alt="a cat"> <img src="https://img.example/b.png">'),
      'a cat https://img.example/b.png',
    );
  });

  it('keeps the lines and indentation of preformatted text', () => {
    assert.equal(html('<pre>if (x) {\n  y();\n}</pre>'), 'if (x) {\n  y();\n}');
  });

  it('keeps text that only looks like markup once escaped, and bidi controls in text', () => {
    assert.equal(
      html('&lt;script&gt;alert(1)&lt;/script&gt; \u202etxet\u202c'),
      '<script>alert(1)</script> \u202etxet\u202c',
    );
  });

  it('reads HTML nested deeper than 256 elements down to there, quickly', () => {
    const started = performance.now();
    const result = htmlToText(`${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)} tail`, {
      keepsLineBreaks: false,
    });
    assert.equal(result.isCut, true);
    assert.ok(performance.now() - started < 5000);
  });

  it('writes a name or title on one line', () => {
    assert.equal(htmlLine('Other Blog &raquo; A <em>reply</em>\n to it'), 'Other Blog » A reply to it');
  });

  it("unwraps Disqus's link redirects to the link its author wrote", () => {
    assert.equal(
      unwrapDisqusLink('https://disq.us/url?url=https%3A%2F%2Fother.example%2Fnotes%2F%3AxQ3-kLm9&cuid=123'),
      'https://other.example/notes/',
    );
    assert.equal(
      unwrapDisqusLink('https://disq.us/url?url=javascript%3Aalert(1)%3Aabc'),
      'https://disq.us/url?url=javascript%3Aalert(1)%3Aabc',
    );
    assert.equal(unwrapDisqusLink('https://docs.example/'), 'https://docs.example/');
    const text = htmlToText(
      '<a href="https://disq.us/url?url=https%3A%2F%2Fother.example%2F%3Aabc&amp;cuid=1">other.example</a>',
      {
        keepsLineBreaks: false,
        rewriteHref: unwrapDisqusLink,
      },
    ).text;
    assert.equal(text, 'https://other.example/');
  });
});
