import { expect } from '@open-wc/testing';
import { stripHandlersAndStyles } from '../../src/text/strip-handlers-and-styles.js';
import { corpora, corpusPayloads } from '../fixtures/security/read.js';

/** Whether `name` is an attribute the pass takes out. */
const isRemoved = (name: string) => /^on|^style$/i.test(name);

/** Every element of `root`, those in template contents included. */
function allElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((element) =>
    element instanceof HTMLTemplateElement ? [element, ...allElements(element.content)] : [element],
  );
}

/**
 * The document `html` parses into, as markup, without event-handler and style attributes and without style and
 * noframes elements (the pass puts an empty noframes where a style was).
 */
function parsedWithoutRemovable(html: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html');
  for (const element of allElements(document)) {
    if (element.localName === 'style' || element.localName === 'noframes') element.remove();
    else
      element
        .getAttributeNames()
        .filter(isRemoved)
        .forEach((name) => element.removeAttribute(name));
  }
  return `${document.compatMode} ${document.documentElement.outerHTML}`;
}

/** What parsing `html` leaves that Chromium would check against a page's CSP. */
function checkedByCsp(html: string): string[] {
  return allElements(new DOMParser().parseFromString(html, 'text/html')).flatMap((element) =>
    element.localName === 'style' ? ['<style>'] : element.getAttributeNames().filter(isRemoved),
  );
}

describe('stripHandlersAndStyles: what Chromium checks against the CSP while parsing, taken out first', () => {
  it('takes out event-handler and style attributes, however they are written', () => {
    for (const [html, expected] of [
      ['<p onclick=x>a</p>', '<p  >a</p>'],
      [`<P ONCLICK="x" Style='color:red' title=t>a</P>`, '<P     title=t>a</P>'],
      ['<img src="x"onerror=y>', '<img src="x" >'],
      ['<a onclick = "x" href=/y>l</a>', '<a   href=/y>l</a>'],
      ['<a\tonmouseover=x\nstyle=y\fhref=z\r>l</a>', '<a\t \n \fhref=z\r>l</a>'],
      ['<body onload=x><p>a', '<body  ><p>a'],
      ['<img src=x onerror="unterminated', '<img src=x  '],
    ]) {
      expect(stripHandlersAndStyles(html), html).to.equal(expected);
    }
  });

  it('leaves a space where it took an attribute out, so `<svg/onload=…>` stays an open svg', () => {
    expect(stripHandlersAndStyles('<svg/onload=alert(1)><circle r=1 /></svg>')).to.equal(
      '<svg/ ><circle r=1 /></svg>',
    );
  });

  it('puts an empty noframes where a style element was, so nothing before it joins what follows', () => {
    for (const [html, expected] of [
      ['a<style>p { color: red }</style>b', 'a<noframes></noframes>b'],
      ['&amp<STYLE media=all>x</STYLE >;', '&amp<noframes></noframes>;'],
      ['<<style>x</style>p onclick=y>', '<<noframes></noframes>p onclick=y>'],
      ['<svg><style>circle { fill: red }</style></svg>', '<svg><noframes></noframes></svg>'],
    ]) {
      expect(stripHandlersAndStyles(html), html).to.equal(expected);
    }
  });

  it('changes no character of text, attribute values, comments or raw text', () => {
    for (const html of [
      '<p>Write onclick=x or style=y as text</p>',
      `<p title='a" onclick=b'>x</p><p title=a/onclick=b>y</p>`,
      '<p =onclick=x>a</p>',
      '<!-- <p onclick=x> --><?php <p onclick=x> ?><!DOCTYPE html>',
      '<textarea><b onclick=x>t</b></textarea><title><p onclick=x></title>',
      '<script><!--<script></script><p onclick=x>--></script>',
      'x < y onclick=z > w',
    ]) {
      expect(stripHandlersAndStyles(html)).to.equal(html);
    }
  });

  it('leaves the rest as it is where markup inside svg or math could be read two ways', () => {
    for (const html of [
      '<svg><![CDATA[x]]><p onclick=x>',
      '<math><mtext><style><img src onerror=alert(1)></style></mtext></math><p onclick=x>',
    ]) {
      expect(stripHandlersAndStyles(html)).to.equal(html);
    }
  });

  it('parses every payload of the public XSS corpora into the same document, but for what it takes out', async function () {
    this.timeout(60_000);
    const payloads = (await Promise.all(corpora.map((file) => corpusPayloads(file)))).flat();
    expect(payloads.length).to.be.above(9000);
    const changed = payloads.filter(
      (payload) =>
        parsedWithoutRemovable(stripHandlersAndStyles(payload)) !== parsedWithoutRemovable(payload),
    );
    expect(changed).to.deep.equal([]);
    // What it leaves for the CSP to see is only ever inside svg or math, where it stops.
    const left = payloads.filter((payload) => checkedByCsp(stripHandlersAndStyles(payload)).length > 0);
    expect(left.filter((payload) => !/<(?:svg|math)[\t\n\f\r />]/i.test(payload))).to.deep.equal([]);
    expect(left.length).to.be.below(payloads.length / 100);
  });
});
