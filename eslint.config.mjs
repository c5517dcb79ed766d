import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

// User text must never become markup: only src/text/sanitize.ts may hold DOMPurify, and nothing unsafeHTML.
const markupPaths = [{ name: 'dompurify', message: 'Only src/text/sanitize.ts may import DOMPurify.' }];
const markupPatterns = [
  { group: ['lit/directives/unsafe-*'], message: 'Render user text as templates, never as HTML.' },
];

// The layer boundaries (STYLE.md, "The shape of the house"), as the imports each folder may not make. Data flows one
// way: storage → server routes → protocol → client → element → DOM.
const widgetNeverImportsServer = {
  regex: '(^|/)server(/|$)',
  message: 'The widget side never imports the server.',
};
const protocolImportsNothing = {
  regex: '^(?!\\./)',
  message: 'src/protocol imports nothing from outside itself.',
};
const clientKnowsOnlyProtocol = {
  regex: '^(?!\\./|\\.\\./protocol/)',
  message: 'The client knows only the protocol: no elements, no text pipeline, no packages.',
};
// The admin page (src/admin/) is not named here: src/server/admin/ is the server's own, and a relative path cannot
// tell the two apart. The server's world has no DOM, so tsc refuses the page's Lit modules there. Of src/i18n, the
// server's HTML reads the widget's catalogs and formats with its Localizer (plain data and Intl, no DOM), so that it
// says what the widget says in the same words: the English source, the tables that load the other languages, and
// the Localizer, nothing else.
const serverTakesOnlyProtocol = {
  regex:
    '^(\\.\\./)+(client|elements|text)/|^(\\.\\./)+i18n/(?!(messages\\.en|interactive\\.en|catalogs|words|catalog-key|language|localizer)\\.js$)|^(\\.\\./)+(index|define|standalone)\\.js$',
  message:
    'From the widget side, the server imports only src/protocol, and of src/i18n the English catalog, the tables that load the others, and the Localizer.',
};
// The admin page is an app of its own: Lit, its own modules (none of its folders bears a name below) and src/protocol.
const adminKnowsOnlyProtocol = [
  {
    regex: '^(?!\\.\\.?/|lit($|/)|@lit/)',
    message: "The admin page imports Lit and natter's own modules only.",
  },
  {
    regex: '^(\\.\\./)+(server|client|elements|text|i18n)/|^(\\.\\./)+(index|define|standalone)\\.js$',
    message: 'The admin page imports src/protocol and its own modules, never the server or the widget.',
  },
];
// natter/count (dist/count.js) stays under 2 KB: no package (Lit least of all), and of the widget's modules only the
// thread key's normalisation, its own catalog and the client's small pieces (the rest of the client is for the widget).
const countStaysSmall = {
  regex:
    '^(?!\\.)|(^|/)(text|admin)/|(^|/)natter-comments/(?!page-thread\\.js$)|(^|/)i18n/(?!count-messages\\.js$)|(^|/)client/(?!(connection|count-batches|shape)\\.js$)',
  message:
    'natter/count stays under 2 KB: no packages, and no module of the widget but the thread key and its own.',
};
// What createApp imports is web-standard, as Hono's core is: Node's modules, the Node adapter of Hono and the
// database drivers belong in src/server/node/ and the storage backends.
const webStandardOnly = [
  { regex: '^node:', message: 'Only src/server/node/ and the storage backends may use Node modules.' },
  {
    regex: '^(@hono/node-server|better-sqlite3|pg)($|/)',
    message: 'Runtime and driver packages belong in src/server/node/ or a storage backend.',
  },
];
const storageKnowsNoHttp = {
  regex: '^(hono|@hono/)|^node:https?$|(^|/)(routes|middleware|node)/|(^|/)(http-error|app)\\.js$',
  message: 'Storage knows no HTTP.',
};
// Node's globals, which web-standard code may not touch either (the web has `crypto`, `TextEncoder`, `console`).
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'global'].map(
  (name) => ({ name, message: 'createApp and what it imports use web-platform APIs only.' }),
);

/**
 * The import rules of one group of files: the markup rules every file has, plus `patterns`. Flat config lets a later
 * config replace a rule's options, so each group states all of its patterns, from the general to the specific.
 */
function restrict(files, patterns, { ignores, webOnly = false } = {}) {
  return {
    files,
    ...(ignores && { ignores }),
    rules: {
      'no-restricted-imports': ['error', { paths: markupPaths, patterns: [...markupPatterns, ...patterns] }],
      ...(webOnly && { 'no-restricted-globals': ['error', ...nodeGlobals] }),
    },
  };
}

const backends = ['src/server/storage/sqlite/**', 'src/server/storage/postgres/**'];
const layerBoundaries = [
  restrict(['src/elements/**', 'src/text/**', 'src/i18n/**', 'src/*.ts'], [widgetNeverImportsServer]),
  restrict(['src/elements/natter-count/**', 'src/count.ts'], [widgetNeverImportsServer, countStaysSmall]),
  restrict(['src/client/**'], [widgetNeverImportsServer, clientKnowsOnlyProtocol]),
  restrict(['src/protocol/**'], [widgetNeverImportsServer, protocolImportsNothing]),
  restrict(['src/admin/**'], adminKnowsOnlyProtocol),
  restrict(['src/server/**'], [serverTakesOnlyProtocol, ...webStandardOnly], {
    ignores: ['src/server/node/**', 'src/server/index.ts', ...backends],
    webOnly: true,
  }),
  restrict(['src/server/node/**', 'src/server/index.ts'], [serverTakesOnlyProtocol]),
  restrict(['src/server/storage/**'], [serverTakesOnlyProtocol, storageKnowsNoHttp, ...webStandardOnly], {
    ignores: backends,
    webOnly: true,
  }),
  restrict(backends, [serverTakesOnlyProtocol, storageKnowsNoHttp]),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'screenshots/', 'examples/*/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { paths: markupPaths, patterns: markupPatterns }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never parse strings as HTML; use templates or sanitize.ts.' },
        { property: 'outerHTML', message: 'Never parse strings as HTML; use templates or sanitize.ts.' },
      ],
    },
  },
  ...layerBoundaries,
  {
    files: ['src/text/sanitize.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The examples are apps of their own, written as their frameworks' starter templates write them.
    files: ['examples/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
