import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseUrlMappings, ThreadKeys, UrlMappingError } from '../../../src/server/import/thread-keys.js';

describe('Thread keys of imported pages', () => {
  it("takes the path of a page's URL as natter writes thread keys", () => {
    const keys = new ThreadKeys([]);
    assert.deepEqual(keys.keyOf('https://old.example/2019/hello/'), { key: '/2019/hello' });
    assert.deepEqual(keys.keyOf('https://old.example/post/index.html#comments'), { key: '/post' });
    assert.deepEqual(keys.keyOf('/blog/2019/hello-world/'), { key: '/blog/2019/hello-world' });
    assert.deepEqual(keys.keyOf('custom-isso-id'), { key: 'custom-isso-id' });
  });

  it('rewrites the start of URLs by the longest matching --map-url, with → or ->', () => {
    const keys = new ThreadKeys(
      parseUrlMappings([
        'https://old.example/→/',
        'https://old.example/blog/ -> /posts/',
        'http://legacy.example/?p=12→/2019/hello',
      ]),
    );
    assert.deepEqual(keys.keyOf('https://old.example/blog/2019/hello/'), { key: '/posts/2019/hello' });
    assert.deepEqual(keys.keyOf('https://old.example/about/'), { key: '/about' });
    assert.deepEqual(keys.keyOf('http://legacy.example/?p=12'), { key: '/2019/hello' });
  });

  it('counts the pages whose query a thread key leaves out', () => {
    const keys = new ThreadKeys([]);
    keys.keyOf('https://old.example/?p=1');
    keys.keyOf('https://old.example/?p=1');
    keys.keyOf('https://old.example/?p=2');
    assert.equal(keys.droppedQueryCount, 2);
    assert.deepEqual(keys.droppedQueries, ['https://old.example/?p=1', 'https://old.example/?p=2']);
  });

  it('refuses a page that makes no thread key, and a mapping without an arrow', () => {
    const keys = new ThreadKeys([]);
    assert.ok('error' in keys.keyOf(''));
    assert.ok('error' in keys.keyOf(`/${'a'.repeat(600)}`));
    assert.ok('error' in keys.keyOf('bad\u0000key'));
    assert.throws(() => parseUrlMappings(['https://old.example/']), UrlMappingError);
    assert.throws(() => parseUrlMappings(['→/']), UrlMappingError);
  });
});
