// Two builds of one source: the npm package (ES modules, dependencies left as bare imports so apps deduplicate
// them, plus types) and dist/natter.js, the minified script-tag bundle with its lazily loaded chunks beside it.
// Of their own: dist/count.js, "12 comments" for index pages without Lit or anything of the widget, and the admin
// page: dist/admin.js (Lit bundled in), admin.html and admin.css. And the `natter` command, dist/cli/, bundled
// from the package's server modules so that it starts quickly.
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import gzipPlugin from 'rollup-plugin-gzip';

const external = [
  /^lit($|\/)/,
  /^@lit\//,
  /^linkifyjs$/,
  /^dompurify$/,
  /^node:/,
  /^hono($|\/)/,
  /^@hono\//,
  /^kysely$/,
  /^better-sqlite3$/,
  /^ipaddr\.js$/,
  /^pg$/,
  /^zod$/,
  /^nodemailer$/,
  /^@xmldom\/xmldom$/,
  /^parse5$/,
  /^microformats-parser$/,
  /^saxes$/,
];

/**
 * The TypeScript plugin's settings for every build. Types are checked once per world by `npm run lint`
 * (scripts/typecheck.mjs), where a wrong import also fails; checking them again in each of three builds took a
 * third of the build's time.
 */
const emitOnly = { tsconfig: 'tsconfig.json', noCheck: true };

const brotli = promisify(brotliCompress);

/**
 * Writes each chunk's characters beyond ASCII as `\uXXXX` escapes, which mean the same in comments, strings,
 * templates and regular expressions. Node reads a module's source as one string: a single `—` in a comment makes all
 * of it two bytes a character, decoded and then parsed on the slow path: 5 % more CPU to load `natter serve`.
 */
function asciiSource() {
  return {
    name: 'ascii-source',
    renderChunk: (code) => ({
      code: code.replace(/[^\0-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`),
      map: null,
    }),
  };
}

/**
 * `NAME.br` and `NAME.gz` beside each file browsers download, at the settings `natter serve` would otherwise use
 * (brotli 11, gzip 9): the server takes them where they decode to their file, and so compresses none of them.
 * Source maps, read only by developer tools, it compresses quickly itself the first time one is asked for.
 */
function precompressed() {
  const filter = /\.(js|css|html)$/;
  return [
    gzipPlugin({ filter, gzipOptions: { level: 9 } }),
    gzipPlugin({
      filter,
      fileName: '.br',
      customCompression: (content) =>
        brotli(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(content),
          },
        }),
    }),
  ];
}

/**
 * The plugins of a minified script for browsers in dist/: packages bundled in (`resolve`), TypeScript emitted
 * with its world's `tsconfig` (whose program holds only that world's files: a third of the time of all of src/),
 * Lit's templates minified (`minifyTemplates`), terser, and its compressed forms.
 */
function browserBundle({ resolve = true, minifyTemplates = true, tsconfig = 'tsconfig.browser.json' } = {}) {
  return [
    resolve && nodeResolve({ browser: true }),
    typescript({
      ...emitOnly,
      tsconfig,
      noEmit: false,
      rootDir: 'src',
      outDir: 'dist',
      declaration: false,
      declarationMap: false,
      sourceMap: true,
    }),
    minifyTemplates && minifyHtmlLiterals({ failOnError: true }),
    terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false } }),
    ...precompressed(),
  ].filter(Boolean);
}

/** Where each browser script goes: dist/<entry>.js, with its source map. */
const browserOutput = { dir: 'dist', format: 'es', entryFileNames: '[name].js', sourcemap: true };

/** A plugin that puts `files` into the output folder as they are. */
function copyFiles(files) {
  return {
    name: 'copy-files',
    buildStart() {
      for (const file of files) this.addWatchFile(file);
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: basename(file), source: readFileSync(file) });
      }
    },
  };
}

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      count: 'src/count.ts',
      render: 'src/render.ts',
      'client/index': 'src/client/index.ts',
      'server/index': 'src/server/index.ts',
      'server/node/cli': 'src/server/node/cli.ts',
    },
    external,
    plugins: [typescript({ ...emitOnly, outDir: 'dist/lib', declarationDir: 'dist/lib' })],
    output: {
      dir: 'dist/lib',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      sourcemap: true,
      // The TypeScript plugin's maps point one folder too high with preserveModules; point them at src/ (shipped).
      sourcemapPathTransform: (source, map) => {
        const inSource = source.split('/src/').pop();
        return relative(dirname(map), resolve('src', inSource));
      },
    },
  },
  {
    // The `natter` command (bin/natter.js): the library's server modules just built, with the ES packages they
    // import bundled in. Node 20 loads a module at a time, and the package layout costs `natter serve` about 500
    // of them (kysely alone 280): 1.15 CPU-s to start and stop, against 0.68 bundled. What each command loads
    // lazily (`natter admin`, PostgreSQL, e-mail) stays a chunk of its own; CommonJS and native packages stay
    // external. Built after, and from, the library build above: rollup runs this array in order.
    input: { natter: 'dist/lib/server/node/cli.js' },
    // saxes is CommonJS, as these are: Node loads it, rollup (without a CommonJS plugin) could not bundle it.
    external: [
      /^node:/,
      /^better-sqlite3$/,
      /^pg$/,
      /^nodemailer$/,
      /^ipaddr\.js$/,
      /^@xmldom\/xmldom$/,
      /^saxes$/,
    ],
    plugins: [nodeResolve({ exportConditions: ['node'], preferBuiltins: true }), asciiSource()],
    // Cycles inside packages (zod's, kysely's) are theirs, and harmless, as are comments of zod's that speak of
    // `@__PURE__` in prose, which rollup takes for misplaced annotations; say any of natter's own.
    onwarn(warning, warn) {
      const inPackages = (ids) => ids.length > 0 && ids.every((id) => id.includes('/node_modules/'));
      if (warning.code === 'CIRCULAR_DEPENDENCY' && inPackages(warning.ids ?? [])) return;
      if (warning.code === 'INVALID_ANNOTATION' && inPackages([warning.id ?? ''])) return;
      warn(warning);
    },
    // Not minified, and without a source map (it would be twice the command's size): the bundle reads as the
    // library's modules one after another, and a stack trace names the same functions.
    output: {
      dir: 'dist/cli',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    },
  },
  {
    input: { natter: 'src/standalone.ts' },
    // Lazy chunks import what they share from natter.js itself, instead of a second file every page must load.
    preserveEntrySignatures: 'allow-extension',
    plugins: browserBundle(),
    output: { ...browserOutput, chunkFileNames: 'natter-[name]-[hash].js' },
  },
  {
    // Apart from the widget's build, so that it shares no chunk with natter.js: one small file, and the words of
    // languages other than English in a chunk that only pages in those languages fetch (named as the widget's
    // chunks are, so that the server serves it with them). Without Lit, it has neither packages to resolve nor
    // templates to minify.
    input: { count: 'src/count.ts' },
    plugins: browserBundle({ resolve: false, minifyTemplates: false }),
    output: { ...browserOutput, chunkFileNames: 'natter-[name]-[hash].js' },
  },
  {
    // Apart from the widget's build, so that nothing of the admin page can end up in what readers download. Its
    // catalogs other than English are chunks of their own (admin-messages.de-….js), each fetched by a moderator
    // who reads that language.
    input: { admin: 'src/admin/index.ts' },
    plugins: [
      ...browserBundle({ tsconfig: 'tsconfig.admin.json' }),
      copyFiles(['src/admin/admin.html', 'src/admin/admin.css']),
    ],
    output: { ...browserOutput, chunkFileNames: 'admin-[name]-[hash].js' },
  },
];
