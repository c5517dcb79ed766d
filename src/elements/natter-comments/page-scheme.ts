/** A 1×1 canvas that turns any CSS colour (hex, rgb(), oklch(), color-mix(), …) into sRGB bytes. */
let palette: CanvasRenderingContext2D | null | undefined;

/** `color` as red, green, blue and alpha from 0 to 255, or `undefined` when it paints nothing. */
function rgba(color: string): Uint8ClampedArray | undefined {
  if (color === 'rgba(0, 0, 0, 0)' || color === 'transparent') return undefined;
  palette ??= document.createElement('canvas').getContext('2d');
  if (!palette) return undefined;
  palette.clearRect(0, 0, 1, 1);
  // A colour the canvas cannot read leaves the last one set: start from nothing.
  palette.fillStyle = '#0000';
  palette.fillStyle = color;
  palette.fillRect(0, 0, 1, 1);
  return palette.getImageData(0, 0, 1, 1).data;
}

/**
 * Roughly WCAG's relative luminance of an sRGB colour, 0 (black) to 1 (white), with a gamma of 2 for the sRGB
 * curve: close enough to tell a dark background from a light one.
 */
function luminance([red = 0, green = 0, blue = 0]: Uint8ClampedArray): number {
  return (0.2126 * red ** 2 + 0.7152 * green ** 2 + 0.0722 * blue ** 2) / 255 ** 2;
}

/**
 * Whether the page shows `element` on a dark background: the nearest one that it or an ancestor paints (across
 * shadow roots) decides; where none paints one, the canvas, whose colour follows the page's `color-scheme` (and,
 * when the page supports both, the reader's). Dark means light text reads better on it than dark text.
 */
export function isOnDarkPage(element: Element): boolean {
  for (
    let node: Element | null = element;
    node;
    node = node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null
  ) {
    const color = rgba(getComputedStyle(node).backgroundColor);
    // A faint tint over the page says less about it than what lies beneath.
    if (color && (color[3] ?? 0) >= 128) return luminance(color) < 0.18;
  }
  const root = getComputedStyle(document.documentElement).colorScheme;
  const schemes =
    root && root !== 'normal'
      ? root
      : (document.querySelector<HTMLMetaElement>('meta[name="color-scheme"]')?.content ?? '');
  return (
    schemes.includes('dark') &&
    (!schemes.includes('light') || matchMedia('(prefers-color-scheme: dark)').matches)
  );
}
