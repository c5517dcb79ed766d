/**
 * A maker of copies of what `make` makes, which it makes once, when the first copy is asked for (never when the
 * module loads). A deep clone costs about half of the DOM calls that make the same elements with their attributes,
 * and every comment of a long thread makes the same few: its copies differ only in what is then set on them, as
 * attributes and text.
 */
export function copies<E extends Element>(make: () => E): () => E {
  let original: E | undefined;
  return () => (original ??= make()).cloneNode(true) as E;
}
