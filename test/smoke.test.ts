import { expect } from '@open-wc/testing';
import { limits } from '../src/protocol/index.js';

describe('harness', () => {
  it('runs TypeScript in Chromium', () => {
    expect(limits.textLength).to.equal(8000);
  });
});
