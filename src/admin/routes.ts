/** The screens of the admin page's navigation, in its order; the URL's fragment names the one shown (`#/spam`). */
export const screens = [
  'queue',
  'reported',
  'recent',
  'spam',
  'deleted',
  'references',
  'search',
  'rules',
  'settings',
] as const;
export type Screen = (typeof screens)[number];

/**
 * Which references the References screen shows: those awaiting approval (`#/references`), each other status
 * (`#/references/spam`), or the mentions that are not verified: queued, refused or removed since.
 */
export const referenceFilters = ['pending', 'published', 'spam', 'deleted', 'unverified'] as const;
export type ReferenceFilter = (typeof referenceFilters)[number];

/**
 * Where the admin page is: a screen of the navigation, one comment (`#/comment/<id>`, as notifications link), or
 * the references under a filter.
 */
export type Route =
  | { screen: Exclude<Screen, 'references'> }
  | { screen: 'comment'; commentId: string }
  | { screen: 'references'; filter: ReferenceFilter };

/** The fragment of a screen: `#/spam`. */
export const hashOf = (screen: Screen): string => `#/${screen}`;

/** The fragment of the references under `filter`: `#/references` for those awaiting approval. */
export const hashOfReferences = (filter: ReferenceFilter): string =>
  filter === 'pending' ? '#/references' : `#/references/${filter}`;

/** The route a location's fragment names (`#/spam`, also `#spam`); the queue for anything else. */
export function routeOf(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const comment = /^comment\/(.+)$/.exec(path);
  if (comment) {
    try {
      return { screen: 'comment', commentId: decodeURIComponent(comment[1] ?? '') };
    } catch {
      return { screen: 'queue' };
    }
  }
  const references = /^references(?:\/(\w+))?$/.exec(path);
  if (references) {
    const filter = references[1] ?? 'pending';
    return (referenceFilters as readonly string[]).includes(filter)
      ? { screen: 'references', filter: filter as ReferenceFilter }
      : { screen: 'references', filter: 'pending' };
  }
  return (screens as readonly string[]).includes(path)
    ? { screen: path as Exclude<Screen, 'references'> }
    : { screen: 'queue' };
}

/** Whether two routes show the same thing. */
export function isSameRoute(a: Route, b: Route): boolean {
  if (a.screen === 'comment' && b.screen === 'comment') return a.commentId === b.commentId;
  if (a.screen === 'references' && b.screen === 'references') return a.filter === b.filter;
  return a.screen === b.screen;
}
