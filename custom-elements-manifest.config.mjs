// Generates dist/custom-elements.json from the JSDoc where the element is defined.

/**
 * The analyzer lists every entry of `static properties` as an attribute, including internal state
 * (`state: true`) and, for renamed attributes, the property name too; keep only the real attributes.
 */
function withoutPrivateAttributes() {
  return {
    name: 'natter-without-private-attributes',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap(
        (module) => module.declarations ?? [],
      )) {
        const members = new Map((declaration.members ?? []).map((member) => [member.name, member]));
        for (const member of members.values()) {
          if (member.privacy === 'private') delete member.attribute;
        }
        if (declaration.attributes) {
          // An attribute documented with `@attr` alone (a plain element's, <natter-count>'s) has no field to check.
          declaration.attributes = declaration.attributes.filter(
            (attribute) =>
              attribute.fieldName === undefined ||
              members.get(attribute.fieldName)?.attribute === attribute.name,
          );
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/define.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [withoutPrivateAttributes()],
};
