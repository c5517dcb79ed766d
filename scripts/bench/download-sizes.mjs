// `npm run bench -- sizes`: the bytes a reader downloads for natter and for the comment widgets published on the
// npm registry, measured alike (bundle-bytes.mjs: gzip level 9, brotli quality 11). Each alternative is fetched with
// `npm pack` into a scratch folder, and the files its documented embed snippet loads are measured: the browser
// bundle a script tag names, and its CSS when the snippet links one.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { compressedSizes, staticImports } from '../bundle-bytes.mjs';
import { markdownTable, number } from './format.mjs';
import { root, scratchFolder } from './processes.mjs';

/**
 * The alternatives, by npm package: the files their embed snippets load, and what to know about them. `bundle`:
 * the package ships an ES module with bare imports, which a script tag can only load through a bundling CDN, so
 * it is bundled with its dependencies here (esbuild, minified) as such a CDN serves it.
 */
const alternatives = {
  '@waline/client': {
    files: ['dist/waline.js', 'dist/waline.css'],
    note: 'its CDN snippet: `<link>` to waline.css, `import { init }` from waline.js (Vue included)',
  },
  artalk: {
    files: ['dist/Artalk.js', 'dist/Artalk.css'],
    note: 'its "Import to Blog" snippet: Artalk.css and Artalk.js',
  },
  twikoo: {
    files: ['dist/twikoo.all.min.js'],
    note: 'its `main`, the file its snippet loads (styles included)',
  },
  gitalk: {
    files: ['dist/gitalk.min.js', 'dist/gitalk.css'],
    note: 'its README snippet: gitalk.css and gitalk.min.js',
  },
  giscus: {
    bundle: 'dist/giscus.mjs',
    note:
      'the `<giscus-widget>` element (dist/giscus.mjs with Lit, bundled as esm.sh serves it); it then loads an ' +
      'iframe from giscus.app, whose page and scripts cannot be measured offline and are not counted',
  },
};

/** natter's rows: what is fetched before the first comment, and with the form too (the interactive chunk). */
function natterRows() {
  const dist = join(root, 'dist');
  const firstPaint = [...staticImports(dist, 'natter.js')];
  const interactive = readdirSync(dist).find((file) => /^natter-interactive-.+\.js$/.test(file));
  const withForm = [...new Set([...firstPaint, ...staticImports(dist, interactive)])];
  const measure = (files) => sum(files.map((file) => compressedSizes(readFileSync(join(dist, file)))));
  return [
    ['natter, before the first comment', firstPaint.join(', '), measure(firstPaint)],
    ['natter, with the form', withForm.join(', '), measure(withForm)],
  ];
}

/** The sum of `{ min, gzip, brotli }`s. */
function sum(sizes) {
  return sizes.reduce(
    (total, size) => ({
      min: total.min + size.min,
      gzip: total.gzip + size.gzip,
      brotli: total.brotli + size.brotli,
    }),
    { min: 0, gzip: 0, brotli: 0 },
  );
}

/** Packs `name` from the npm registry into `folder` and unpacks it; resolves with its folder and version. */
function fetchPackage(name, folder) {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', name, '--json', '--pack-destination', folder], {
      cwd: folder,
      encoding: 'utf8',
    }),
  );
  const into = join(folder, packed.name.replace('/', '+'));
  execFileSync('mkdir', ['-p', into]);
  execFileSync('tar', ['-xzf', join(folder, packed.filename), '-C', into]);
  return { packageFolder: join(into, 'package'), version: packed.version };
}

/** One alternative's row. */
async function alternativeRow(name, folder) {
  const spec = alternatives[name];
  const { packageFolder, version } = fetchPackage(name, folder);
  if (!spec.bundle) {
    const sizes = spec.files.map((file) => compressedSizes(readFileSync(join(packageFolder, file))));
    return [`${name} ${version}`, spec.files.join(', '), sum(sizes), spec.note];
  }
  // Its dependencies from the registry too, as the CDN would take them.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts'], {
    cwd: packageFolder,
    stdio: 'ignore',
  });
  const result = await build({
    entryPoints: [join(packageFolder, spec.bundle)],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return [
    `${name} ${version}`,
    `${spec.bundle} + dependencies`,
    compressedSizes(result.outputFiles[0].contents),
    spec.note,
  ];
}

/** Runs the sizes part and prints its table; `alternatives` limits the packages measured. */
export async function runDownloadSizes({ alternatives: names = Object.keys(alternatives) }) {
  const unknown = names.filter((name) => !(name in alternatives));
  if (unknown.length > 0) throw new Error(`sizes: no alternative ${unknown.join(', ')}`);
  const folder = await scratchFolder('sizes');
  const rows = natterRows().map(([what, files, sizes]) => [what, files, sizes, 'built by this checkout']);
  for (const name of names) {
    process.stderr.write(`sizes: npm pack ${name}\n`);
    rows.push(await alternativeRow(name, folder));
  }
  console.log('\n## What a reader downloads: minified, gzip -9, brotli -q 11\n');
  console.log(
    markdownTable(
      ['widget', 'files', 'bytes', 'gzip', 'brotli', 'measured'],
      rows.map(([what, files, sizes, note]) => [
        what,
        files,
        number(sizes.min),
        number(sizes.gzip),
        number(sizes.brotli),
        note,
      ]),
    ),
  );
}
