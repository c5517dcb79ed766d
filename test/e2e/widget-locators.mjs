// What the end-to-end tests find in `<natter-comments>` by role and id, named once.

/** Waits until the widget's heading reads `count` comments. */
export function waitForHeading(widget, count) {
  return widget.getByRole('heading', { name: `${count} comments`, exact: true }).waitFor();
}

/** The button in `scope` whose accessible name is exactly `name`. */
export function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

/** The list item of comment `id`. */
export function item(widget, id) {
  return widget.locator(`li[id="comment-${id}"]`);
}
