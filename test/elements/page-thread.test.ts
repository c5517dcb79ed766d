import { expect } from '@open-wc/testing';
import { threadKeyOf } from '../../src/protocol/thread-key.js';

describe('the thread key of a page', () => {
  for (const [url, key] of [
    ['https://blog.example/post', '/post'],
    ['https://blog.example/post/', '/post'],
    ['https://blog.example/post/index.html', '/post'],
    ['https://blog.example/post/INDEX.HTM', '/post'],
    ['https://blog.example/post/index.php?p=1', '/post'],
    ['https://blog.example/post/?utm_source=feed&utm_medium=rss#comments', '/post'],
    ['https://blog.example/', '/'],
    ['https://blog.example/index.html', '/'],
    ['https://blog.example', '/'],
    ['https://blog.example/caf%c3%a9', '/caf%C3%A9'],
    ['https://blog.example/caf%C3%A9/', '/caf%C3%A9'],
    ['https://blog.example/%7Euser/%61bout', '/~user/about'],
    ['https://blog.example/a%2Fb', '/a%2Fb'],
  ]) {
    it(`reads ${url} as ${key}`, () => {
      expect(threadKeyOf(url!)).to.equal(key);
    });
  }

  it('keeps what can name another page: letter case, other file names, inner slashes', () => {
    expect(threadKeyOf('https://blog.example/Post')).to.equal('/Post');
    expect(threadKeyOf('https://blog.example/post/page.html')).to.equal('/post/page.html');
    expect(threadKeyOf('https://blog.example/post/index.html.bak')).to.equal('/post/index.html.bak');
    expect(threadKeyOf('https://blog.example/a//b')).to.equal('/a//b');
  });
});
