/**
 * Content-Security-Policy of the admin page: its own script and styles only, no inline script or style, no frames
 * around it, and Trusted Types for Lit's templates alone.
 */
export const adminPageSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** Headers of the admin page's files: its CSP, and nothing that lets another site frame, embed or index it. */
export const adminPageHeaders: Record<string, string> = {
  'Content-Security-Policy': adminPageSecurityPolicy,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex',
};

/**
 * Which files of the built `dist/` folder are the admin page: `admin.html`, `admin.js`, its chunks (the catalogs of
 * languages other than English, `admin-messages.de-….js`) and their maps, `admin.css`.
 */
export function isAdminFile(name: string): boolean {
  return /^admin(\.html|\.css|(-[\w.-]+)?\.js(\.map)?)$/.test(name);
}
