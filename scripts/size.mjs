#!/usr/bin/env node
// Prints the size of what a reader downloads: dist/natter.js (the script tag's module) and every chunk it loads
// lazily, minified, gzip and brotli; then, apart, dist/count.js (counts on index pages, a budget of its own) and the
// admin page's script, which no reader ever loads. With --check, fails when the first-paint download or count.js
// exceeds its budget. The first paint here is natter.js and its static imports, and, for a reader in another
// language than English, that language's thread catalog (`natter-messages.xx.js`; the largest counts): the widget
// fetches every other lazy chunk only after the first comment is painted, which test/e2e/first-comment-bytes.test.mjs
// checks in Chromium, in English and in Arabic.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compressedSizes, staticImports } from './bundle-bytes.mjs';

/** Everything fetched before the first comment shows. */
const budgetGzip = 22 * 1024;
/** dist/count.js alone: index pages load it instead of the widget. */
const countBudgetGzip = 2 * 1024;
// `--dist <folder>` measures another build (the size test's); dist/ by default.
const distFlag = process.argv.indexOf('--dist');
const dist = distFlag > 0 ? process.argv[distFlag + 1] : new URL('../dist/', import.meta.url).pathname;

function measure(file) {
  return { file, ...compressedSizes(readFileSync(join(dist, file))) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
/** The thread's words in the language whose catalog is largest: fetched before the first comment, in that language. */
const largestCatalog = readdirSync(dist)
  .filter((file) => /^natter-messages\..+\.js$/.test(file))
  .map(measure)
  .sort((a, b) => b.gzip - a.gzip)[0];
const firstPaint = [
  ...[...staticImports(dist, 'natter.js')].map(measure),
  ...(largestCatalog ? [largestCatalog] : []),
];
const isAdminFile = (file) => file.startsWith('admin');
const isCountFile = (file) => file === 'count.js';
const lazy = readdirSync(dist)
  .filter(
    (file) =>
      file.endsWith('.js') &&
      !isAdminFile(file) &&
      !isCountFile(file) &&
      !firstPaint.some((entry) => entry.file === file),
  )
  .map(measure);
const admin = readdirSync(dist)
  .filter((file) => file.endsWith('.js') && isAdminFile(file))
  .map(measure);

console.log(`${'file'.padEnd(40)}      min     gzip   brotli`);
for (const row of [...firstPaint, ...lazy]) {
  const label =
    row === largestCatalog
      ? `${row.file} (largest language)`
      : firstPaint.includes(row)
        ? row.file
        : `${row.file} (lazy)`;
  console.log(`${label.padEnd(40)}${kb(row.min)}${kb(row.gzip)}${kb(row.brotli)}`);
}
const total = firstPaint.reduce(
  (sum, row) => ({ min: sum.min + row.min, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
  { min: 0, gzip: 0, brotli: 0 },
);
console.log(
  `${'before the first comment (first paint)'.padEnd(40)}${kb(total.min)}${kb(total.gzip)}${kb(total.brotli)}`,
);
console.log(`budget: ${kb(budgetGzip).trim()} gzip; used ${((total.gzip / budgetGzip) * 100).toFixed(0)}%`);
const count = measure('count.js');
console.log(`${'count.js (index pages)'.padEnd(40)}${kb(count.min)}${kb(count.gzip)}${kb(count.brotli)}`);
console.log(
  `budget: ${kb(countBudgetGzip).trim()} gzip; used ${((count.gzip / countBudgetGzip) * 100).toFixed(0)}% (${count.gzip} B gzip, ${count.brotli} B brotli)`,
);
for (const row of admin) {
  console.log(`${`${row.file} (admin page)`.padEnd(40)}${kb(row.min)}${kb(row.gzip)}${kb(row.brotli)}`);
}

if (process.argv.includes('--check')) {
  if (total.gzip > budgetGzip) {
    console.error(`the first paint is over its size budget: ${total.gzip} > ${budgetGzip} bytes gzip`);
    process.exitCode = 1;
  }
  if (count.gzip > countBudgetGzip) {
    console.error(`count.js is over its size budget: ${count.gzip} > ${countBudgetGzip} bytes gzip`);
    process.exitCode = 1;
  }
}
