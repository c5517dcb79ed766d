// What the end-to-end tests find in `<natter-comments>` by role and id, and read from it, named once.

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
  return widget.locator(`[id="comment-${id}"]`);
}

/** Every comment id shown, in document order. */
export function shownIds(widget) {
  return widget
    .locator('.comment')
    .evaluateAll((items) => items.map((shown) => shown.id.replace('comment-', '')));
}

/** The id of the comment whose article has focus in the widget's shadow root, if any. */
export function focusedComment(page) {
  return page.evaluate(() => {
    const active = document.querySelector('natter-comments').shadowRoot.activeElement;
    return active?.localName === 'article' ? active.closest('.comment').id.replace('comment-', '') : null;
  });
}
