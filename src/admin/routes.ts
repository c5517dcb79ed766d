/** The screens of the admin page's navigation, in its order; the URL's fragment names the one shown (`#/spam`). */
export const screens = [
  'queue',
  'reported',
  'recent',
  'spam',
  'deleted',
  'search',
  'rules',
  'settings',
] as const;
export type Screen = (typeof screens)[number];

/** Where the admin page is: a screen of the navigation, or one comment (`#/comment/<id>`, as notifications link). */
export type Route = { screen: Screen } | { screen: 'comment'; commentId: string };

/** The fragment of a screen: `#/spam`. */
export const hashOf = (screen: Screen): string => `#/${screen}`;

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
  return (screens as readonly string[]).includes(path) ? { screen: path as Screen } : { screen: 'queue' };
}

/** Whether two routes show the same thing. */
export function isSameRoute(a: Route, b: Route): boolean {
  return (
    a.screen === b.screen && (a.screen !== 'comment' || b.screen !== 'comment' || a.commentId === b.commentId)
  );
}
