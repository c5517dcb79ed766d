// Generates dist/custom-elements.json from the JSDoc where the element is defined.
export default {
  globs: ['src/elements/**/*.ts', 'src/define.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
};
