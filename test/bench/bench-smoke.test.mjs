// `npm run test:bench-smoke`: every part of `npm run bench` still runs, with tiny settings, and prints its table
// with figures in it. The figures themselves are not judged: the bench is a measure, not a test; this keeps its
// parts from rotting. natter's servers run from dist/ (build first). The PostgreSQL cells run when
// NATTER_TEST_POSTGRES_URL is set, as the bench's own default; `--peers` (an install of several minutes) is not run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('../../scripts/bench/bench.mjs', import.meta.url));
const hasPostgres = Boolean(process.env.NATTER_TEST_POSTGRES_URL);

/** Runs the bench with `args`; resolves with its exit code and output, or rejects after `timeoutMs`. */
function runBench(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bench, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    // SIGINT: the bench stops its servers and drops its PostgreSQL schema before it goes.
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`bench ${args.join(' ')} took over ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The cells of the Markdown table row of `output` that starts with `name`. */
function row(output, name) {
  const line = output.split('\n').find((text) => text.startsWith(`| ${name}`));
  assert.ok(line, `no row "${name}" in:\n${output}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** Whether `cell` starts with a figure (digits with thousands commas and decimals). */
const isFigure = (cell) => /^\d[\d,]*(\.\d+)?\b/.test(cell);

test('the server part measures every server in every cell, and counts the posts on disk', async () => {
  const { code, stdout, stderr } = await runBench(['server', '--seconds', '2', '--repeats', '1'], 180_000);
  assert.equal(code, 0, stderr);
  const header = row(stdout, ' |');
  const servers = ['bare node:http, same body', 'Hono, same body', 'natter (SQLite)'];
  if (hasPostgres) servers.push('natter (PostgreSQL)');
  assert.deepEqual(header.slice(1), servers);
  for (const cell of [
    'GET a page of 10, 10 connections',
    'GET a page of 10, 100 connections',
    'counts of 20 threads, 10 connections',
    'server CPU per GET',
    'peak RSS under this load',
  ]) {
    const figures = row(stdout, cell).slice(1);
    assert.ok(figures.every(isFigure), `${cell}: ${figures.join(' | ')}`);
  }
  const posts = row(stdout, 'POST a comment, 10 connections').slice(1);
  assert.deepEqual(posts.slice(0, 2), ['–', '–']);
  for (const cell of posts.slice(2)) {
    const [, acknowledged, stored] = (/([\d,]+) acknowledged, ([\d,]+) stored/.exec(cell) ?? []).map(
      (figure) => Number(figure?.replaceAll(',', '')),
    );
    assert.ok(acknowledged > 0, cell);
    // More may be stored: the posts still in flight when the cell ended.
    assert.ok(stored >= acknowledged, cell);
  }
  assert.match(stdout, /natter \(SQLite\) logged at its default level to a file: [\d,]+ lines/);
});

test('the latency part seeds a database straight into its tables and reads it at a steady rate', async () => {
  const { code, stdout, stderr } = await runBench(
    ['latency', '--seconds', '1', '--latency-sizes', '1000', '--rate', '100'],
    120_000,
  );
  assert.equal(code, 0, stderr);
  const cells = row(stdout, '1,000');
  assert.match(cells[3], /^\d+\.\d \/ \d+\.\d ms$/);
  assert.match(cells[4], /^\d+\.\d \/ \d+\.\d ms$/);
  assert.equal(stdout.split('\n').filter((line) => line.startsWith('| 1,000 |')).length, hasPostgres ? 2 : 1);
});

test('the start part times natter serve from spawn to its first answer', async () => {
  const { code, stdout, stderr } = await runBench(
    ['start', '--starts', '1', '--start-comments', '1000'],
    60_000,
  );
  assert.equal(code, 0, stderr);
  assert.match(row(stdout, 'SQLite')[2], /^[\d,]+ ms$/);
  if (hasPostgres) assert.match(row(stdout, 'PostgreSQL')[2], /^[\d,]+ ms$/);
});

test('the sizes part measures natter and an alternative from the npm registry alike', async () => {
  const { code, stdout, stderr } = await runBench(['sizes', '--alternatives', 'twikoo'], 180_000);
  assert.equal(code, 0, stderr);
  for (const name of ['natter, before the first comment', 'natter, with the form', 'twikoo']) {
    const cells = row(stdout, name);
    assert.ok(cells.slice(2, 5).every(isFigure), cells.join(' | '));
  }
});

test('the render part times the widget against plain DOM in Chromium', async () => {
  const { code, stdout, stderr } = await runBench(
    ['render', '--thread-comments', '300', '--render-repeats', '1'],
    180_000,
  );
  assert.equal(code, 0, stderr);
  assert.match(
    stdout,
    /first page of 100, warm\s+[\d.]+ \([\d.]+\)\s+[\d.]+ \([\d.]+\)\s+[\d.]+× \([\d.]+×\)/,
  );
  assert.match(stdout, /all \d+ presses: median ratio [\d.]+×/);
});

test('the browser part reads a short thread in Chromium', async () => {
  const { code, stdout, stderr } = await runBench(['browser', '--thread-comments', '200'], 180_000);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /first comment shown after opening the page\s+\d+ ms/);
});
