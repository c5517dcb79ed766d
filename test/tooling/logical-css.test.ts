// Right-to-left pages mirror the widget, the admin page and the server's HTML because their styles name sides
// logically (margin-inline-start, not margin-left). This test reads every stylesheet of the three and fails on a
// physical side, so that one written later cannot undo the mirroring unnoticed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The modules and stylesheets under `folder` (the tests run compiled: modules are `.js` there). */
function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|js|css)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => join(folder, name));
}

/** The CSS of a file: a stylesheet whole, or the `css` templates of a module, or its `…Css` strings (thread.css). */
function cssOf(file: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  if (file.endsWith('.css')) return text;
  return [...text.matchAll(/(?:\bcss|\w+Css = )`([^`]*)`/g)].map((match) => match[1]).join('\n');
}

/** Declarations that name a physical side of the line, and why each is refused. */
const physical: [RegExp, string][] = [
  [/(^|[\s;{])(margin|padding|border|scroll-margin|scroll-padding)-(left|right)\b/, 'use …-inline-start/end'],
  [/(^|[\s;{])(left|right)\s*:/, 'use inset-inline-start/end'],
  [/text-align\s*:\s*(left|right)\b/, 'use text-align: start/end'],
  [/(float|clear)\s*:\s*(left|right)\b/, 'use inline-start/end'],
  [/border-(top|bottom)-(left|right)-radius/, 'use border-start-start-radius and its kin'],
];

/** Whether `line` gives margin, padding or inset four values whose second (right) and fourth (left) differ. */
function hasSidesApart(line: string): boolean {
  const value = /(?:^|[\s;{])(?:margin|padding|inset)\s*:\s*([^;]+);/.exec(line)?.[1];
  if (!value) return false;
  // calc(a * b) and var(--x, y) are one value each.
  let flat = value;
  while (/\([^()]*\)/.test(flat)) flat = flat.replace(/[\w-]*\([^()]*\)/g, 'x');
  const values = flat.trim().split(/\s+/);
  return values.length === 4 && values[1] !== values[3];
}

/** Why `line` names a physical side, if it does. */
function refusal(line: string): string | undefined {
  if (hasSidesApart(line)) return 'four values with different sides: use …-inline';
  return physical.find(([pattern]) => pattern.test(line))?.[1];
}

/** A box shadow offset to the side, which has no logical form: the file must mirror it under `:dir(rtl)`. */
const sidewaysShadow = /box-shadow\s*:\s*inset\s+-?[1-9][\d.]*(px|em|rem)\b/;

const files = [...sources('src/elements'), ...sources('src/admin'), ...sources('src/server/html')];

describe('styles name sides logically, so right-to-left pages mirror', () => {
  it('reads the styles of the widget, the admin page and the server’s HTML', () => {
    const styled = files.filter((file) => cssOf(file).trim() !== '');
    assert.ok(styled.some((file) => /natter-comments\.styles\.(ts|js)$/.test(file)));
    assert.ok(styled.some((file) => file.endsWith('admin.css')));
    assert.ok(styled.some((file) => /thread-styles\.(ts|js)$/.test(file)));
    assert.ok(styled.length >= 10, `only ${styled.length} styled files`);
  });

  for (const file of files) {
    const css = cssOf(file);
    if (!css.trim()) continue;
    it(`${relative(root, join(root, file))} names no physical side`, () => {
      const lines = css.split('\n');
      const found = lines.flatMap((line, index) =>
        physical
          .filter(([pattern]) => pattern.test(line))
          .map(([, why]) => `${index + 1}: ${line.trim()} (${why})`),
      );
      assert.deepEqual(found, []);
      if (sidewaysShadow.test(css)) assert.match(css, /:dir\(rtl\)/, 'a sideways box-shadow is not mirrored');
    });
  }

  it('refuses what it should', () => {
    const refuses = (line: string) => refusal(line) !== undefined;
    for (const line of [
      'margin-left: 1em;',
      '  padding-right: 0;',
      'border-left: 4px solid red;',
      'left: 0.5rem;',
      'text-align: right;',
      'padding: 0 0 0 1em;',
      'margin: 0 auto 0 0;',
      'border-top-left-radius: 2px;',
    ])
      assert.ok(refuses(line), line);
    for (const line of [
      'margin-inline-start: 1em;',
      'inset-inline-start: 0;',
      'text-align: end;',
      'padding: 0.375em 0.5em;',
      'margin: 0 0 var(--_gap);',
      'padding: calc(var(--_gap) * 0.75) 0;',
      'margin: calc(var(--_gap) * -0.5) 0 var(--_gap);',
      'padding: 0 calc(1em + 2px) 0 calc(1em + 2px);',
      'margin: 1px 2px 3px 2px;',
      'clip-path: inset(50%);',
      'top: -10000px;',
    ])
      assert.ok(!refuses(line), line);
  });
});
