import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serialize } from 'parse5';
import { parseHtmlDocument, parseHtmlFragment } from '../../src/server/parse-html.js';

const nested = (depth: number, inside: string) =>
  `${'<div>'.repeat(depth)}${inside}${'</div>'.repeat(depth)}`;

describe('HTML parsed down to a depth', () => {
  it('parses HTML within the cap whole', () => {
    const fragment = parseHtmlFragment(`<p>before</p>${nested(10, '<b>deep</b>')}`, 20);
    assert.equal(fragment.isCut, false);
    assert.equal(serialize(fragment.root), `<p>before</p>${nested(10, '<b>deep</b>')}`);
    const document = parseHtmlDocument(`<title>A page</title>${nested(10, 'deep')}`, 20);
    assert.equal(document.isCut, false);
    assert.match(serialize(document.root), /<title>A page<\/title>.*deep/);
  });

  it('cuts a document or a fragment where it nests too deep, keeping what came before, quickly', () => {
    const started = performance.now();
    const html = `<p>before</p>${nested(100_000, 'too deep')}`;
    const fragment = parseHtmlFragment(html, 50);
    assert.equal(fragment.isCut, true);
    assert.match(serialize(fragment.root), /^<p>before<\/p><div><div>/);
    assert.doesNotMatch(serialize(fragment.root), /too deep/);
    const document = parseHtmlDocument(html, 50);
    assert.equal(document.isCut, true);
    assert.match(serialize(document.root), /<body><p>before<\/p><div>/);
    assert.doesNotMatch(serialize(document.root), /too deep/);
    assert.ok(performance.now() - started < 5000);
  });

  it("counts a template's content as deep as the template", () => {
    const html = `<template>${nested(100, 'inside')}</template>`;
    assert.equal(parseHtmlFragment(html, 50).isCut, true);
    assert.equal(parseHtmlDocument(html, 50).isCut, true);
    assert.equal(parseHtmlFragment(html, 200).isCut, false);
  });
});
