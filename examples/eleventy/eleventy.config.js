// natter in an Eleventy site: each post's comments are written into its page at build time with natter/render, so
// that readers and search engines without JavaScript see them (and can follow "Write a comment" to the server's
// thread page); the widget, once its script runs, takes them over in place without asking for them again.
//
//   NATTER_ENDPOINT=https://comments.example.com/ SITE_URL=https://blog.example.com npx @11ty/eleventy
//
// The server must allow the site's origin (`natter serve --origin https://blog.example.com`).
import { renderThread } from 'natter/render';

const endpoint = process.env.NATTER_ENDPOINT ?? 'http://127.0.0.1:8080/';
const site = process.env.SITE_URL ?? 'http://127.0.0.1:8081';

export default function (eleventyConfig) {
  eleventyConfig.addGlobalData('natter', { endpoint });
  // {% natterThread page.url %}: the thread of the page at that path, as HTML for the inside of <natter-comments>.
  eleventyConfig.addAsyncShortcode('natterThread', (path) =>
    renderThread({ endpoint, url: new URL(path, site) }),
  );
  return { dir: { input: 'src', output: 'dist' } };
}
