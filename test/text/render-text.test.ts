import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderText, safeHref, userLinkRel, whenLinksReady } from '../../src/text/render-text.js';
import { hostileLines } from '../fixtures/security/read.js';

// linkifyjs comes in a chunk of its own; these tests are about what it makes of text, once it is there.
before(whenLinksReady);

/** Renders `text` as a comment body into a fresh element. */
function body(text: string): HTMLDivElement {
  const container = document.createElement('div');
  render(renderText(text), container);
  return container;
}

/** The links in `container`, as [text, href, rel]. */
function links(container: Element): [string, string, string | null][] {
  return [...container.querySelectorAll('a')].map((a) => [
    a.textContent!,
    a.getAttribute('href')!,
    a.getAttribute('rel'),
  ]);
}

describe('renderText: every character of HTML stays text', () => {
  for (const [index, text] of [
    '<script>alert(1)</script>',
    '<b>bold</b> & <i>italic</i>',
    '&lt;b&gt;already escaped&lt;/b&gt; &amp; &quot;',
    '<!-- comment --> after',
    '"><img src=x onerror=alert(1)>',
  ].entries()) {
    it(`shows markup sample ${index + 1} exactly as written, with no element but the paragraph`, () => {
      const container = body(text);
      expect(container.textContent).to.equal(text);
      expect([...container.querySelectorAll('*')].map((element) => element.localName)).to.deep.equal(['p']);
    });
  }

  it('shows every line of the fixture markup attacks as text', async () => {
    for (const line of await hostileLines('markup.txt')) {
      const container = body(line);
      expect(container.querySelectorAll(':not(p, br, a)'), line).to.have.length(0);
      expect(container.textContent, line).to.equal(line.trimEnd());
    }
  });
});

describe('renderText: links', () => {
  it('links http and https URLs with the text as written and rel="nofollow ugc noopener"', () => {
    const container = body('See https://example.com/a?b=1#c and http://example.org.');
    expect(links(container)).to.deep.equal([
      ['https://example.com/a?b=1#c', 'https://example.com/a?b=1#c', 'nofollow ugc noopener'],
      ['http://example.org', 'http://example.org/', 'nofollow ugc noopener'],
    ]);
    expect(container.textContent).to.equal('See https://example.com/a?b=1#c and http://example.org.');
  });

  it('links bare domains and www addresses over https', () => {
    expect(links(body('Read example.com/page or www.example.org'))).to.deep.equal([
      ['example.com/page', 'https://example.com/page', userLinkRel],
      ['www.example.org', 'https://www.example.org/', userLinkRel],
    ]);
  });

  it('links e-mail addresses as mailto:', () => {
    expect(links(body('Write to someone@example.com'))).to.deep.equal([
      ['someone@example.com', 'mailto:someone@example.com', userLinkRel],
    ]);
  });

  for (const text of [
    'ftp://example.com/file',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
  ]) {
    it(`leaves ${text} as plain text`, () => {
      const container = body(text);
      expect(container.querySelectorAll('a')).to.have.length(0);
      expect(container.textContent).to.equal(text);
    });
  }

  it('sets a link’s href to the parsed URL, so quotes in it stay inside the attribute', () => {
    const [[, href]] = links(body('https://example.com/"onmouseover="alert(1)'));
    expect(href).to.equal('https://example.com/%22onmouseover=%22alert(1)');
  });

  it('never links anything but http, https and mailto among the fixture hostile URLs', async () => {
    for (const line of await hostileLines('urls.txt')) {
      const container = body(`before ${line} after`);
      for (const [, href, rel] of links(container)) {
        expect(new URL(href).protocol, line).to.be.oneOf(['http:', 'https:', 'mailto:']);
        expect(rel, line).to.equal(userLinkRel);
      }
      expect(container.textContent, line).to.equal(`before ${line} after`);
    }
  });
});

describe('renderText: paragraphs and line breaks', () => {
  it('makes a paragraph of each block separated by blank lines', () => {
    const paragraphs = [...body('First.\n\nSecond.\n\n\n\nThird.').querySelectorAll('p')];
    expect(paragraphs.map((p) => p.textContent)).to.deep.equal(['First.', 'Second.', 'Third.']);
  });

  it('counts a line of spaces as blank', () => {
    expect(body('One.\n   \nTwo.').querySelectorAll('p')).to.have.length(2);
  });

  it('breaks the line at a single newline', () => {
    const [paragraph] = body('Roses are red,\nviolets are blue.').querySelectorAll('p');
    const nodes = [...paragraph.childNodes].filter((node) => node.nodeType !== Node.COMMENT_NODE);
    expect(nodes.map((node) => node.nodeName)).to.deep.equal(['#text', 'BR', '#text']);
    expect(paragraph.textContent).to.equal('Roses are red,violets are blue.');
  });

  it('reads Windows and old Mac line ends like newlines', () => {
    const container = body('a\r\nb\r\n\r\nc\rd');
    expect(container.querySelectorAll('p')).to.have.length(2);
    expect(container.querySelectorAll('br')).to.have.length(2);
    expect(container.textContent).not.to.match(/\r/);
  });

  it('drops blank lines at the start and the end, and spaces after the last word', () => {
    const container = body('\n \n\n  Hello  \n\n');
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal(['  Hello']);
  });

  it('keeps the indentation of every line, a paragraph’s first line included', () => {
    const [paragraph] = body('    const answer = 42;\n      return answer;').querySelectorAll('p');
    const texts = [...paragraph.childNodes]
      .filter((node) => node.nodeType !== Node.COMMENT_NODE)
      .map((node) => (node.nodeName === 'BR' ? '<br>' : node.textContent));
    expect(texts.join('')).to.equal('    const answer = 42;<br>      return answer;');
  });

  it('keeps the indentation of a paragraph that follows a blank line', () => {
    const paragraphs = [...body('Steps:\n\n  1. Open it\n  2. Read it\n \n\tThe end').querySelectorAll('p')];
    expect(paragraphs.map((p) => p.textContent)).to.deep.equal([
      'Steps:',
      '  1. Open it  2. Read it',
      '\tThe end',
    ]);
  });

  it('renders nothing for text that is only whitespace', () => {
    expect(body(' \n\n \t').childElementCount).to.equal(0);
  });
});

describe('safeHref', () => {
  for (const [input, expected] of [
    ['https://example.com', 'https://example.com/'],
    ['HTTP://EXAMPLE.COM/A', 'http://example.com/A'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    [' javascript:alert(1)', undefined],
    ['javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['ftp://example.com/', undefined],
    ['//example.com/', undefined],
    ['/relative', undefined],
    ['', undefined],
    [null, undefined],
  ] as const) {
    it(`answers ${JSON.stringify(expected)} for ${JSON.stringify(input)}`, () => {
      expect(safeHref(input)).to.equal(expected);
    });
  }
});
