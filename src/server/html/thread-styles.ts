// thread.css: how the server's HTML of a thread looks. Served at `/thread/thread.css` and linked by the thread page
// and by what `natter render` writes into <natter-comments>.
//
// Embedded, the markup stands in for the widget until it runs, and the widget's first paint must take exactly its
// place: these rules give each piece the box the widget's shadow styles give it (natter-comments.styles.ts:
// `:host`, headings, `.comments`, `.comment`, `.group`, `.replies`, `header`, `.avatar`, `.body p`, buttons,
// `.form-placeholder`). test/elements/server-rendered.test.ts measures both; change them together. Everything
// inside is first reverted to the browser's own styles, so that a host page's rules for `header` or `li` do not
// reach it, as they cannot reach into the widget's shadow root.

export const threadCss = `natter-comments:not(:defined) {
  display: block;
}
.natter-thread,
.natter-thread * {
  all: revert;
  box-sizing: border-box;
}
.natter-thread {
  --_accent: var(--natter-accent, #1a5fb4);
  --_muted: var(--natter-muted, color-mix(in srgb, currentColor 68%, transparent));
  --_border: var(--natter-border, color-mix(in srgb, currentColor 22%, transparent));
  --_radius: var(--natter-radius, 0.5rem);
  --_gap: var(--natter-spacing, 1rem);
  display: block;
  font: var(--natter-font, inherit);
  color: var(--natter-text, inherit);
  line-height: 1.55;
  overflow-wrap: anywhere;
}
.natter-thread link,
.natter-thread script {
  display: none;
}
.natter-thread a {
  color: var(--_accent);
}
.natter-thread .natter-heading {
  font: inherit;
  font-size: 1.4em;
  font-weight: bold;
  line-height: 1.25;
  margin: 0 0 var(--_gap);
}
.natter-thread .natter-comments {
  margin: 0 0 var(--_gap);
  padding: 0;
}
.natter-thread .natter-group {
  display: block;
  content-visibility: auto;
  contain-intrinsic-size: auto 80em;
  overflow-clip-margin: 0.75em;
}
.natter-thread .natter-comment {
  padding: calc(var(--_gap) * 0.75) 0;
  border-top: 1px solid var(--_border);
}
.natter-thread .natter-group:last-child > :last-child {
  border-bottom: 1px solid var(--_border);
}
.natter-thread .natter-replies {
  list-style: none;
  margin: 0.5em 0 0;
  padding: 0;
  padding-inline-start: clamp(0.5em, 2.5vw, 1.25em);
  border-inline-start: 2px solid var(--_border);
}
.natter-thread .natter-replies > .natter-comment {
  padding-bottom: 0;
  border: 0;
}
.natter-thread .natter-replies > .natter-comment + .natter-comment {
  margin-top: 0.5em;
}
.natter-thread .natter-comment:target > article {
  margin: -0.375em -0.5em;
  padding: 0.375em 0.5em;
  border-radius: var(--_radius);
  background: color-mix(in srgb, var(--_accent) 12%, transparent);
  box-shadow: inset 3px 0 var(--_accent);
}
.natter-thread .natter-comment:target > article:dir(rtl) {
  box-shadow: inset -3px 0 var(--_accent);
}
.natter-thread header {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 0.25em 0.75em;
}
.natter-thread .natter-avatar {
  flex: none;
  align-self: center;
  width: 2em;
  height: 2em;
  border-radius: 50%;
  background: color-mix(in srgb, currentColor 10%, transparent);
}
.natter-thread .natter-author {
  font-weight: 600;
}
.natter-thread .natter-meta {
  color: var(--_muted);
  font-size: 0.875em;
}
.natter-thread .natter-permalink {
  color: inherit;
  text-decoration: none;
}
.natter-thread .natter-edited::before {
  content: ' · ';
}
.natter-thread .natter-in-reply-to {
  font-size: 0.875em;
}
.natter-thread .natter-deleted {
  margin: 0;
  color: var(--_muted);
  font-style: italic;
}
.natter-thread .natter-body p {
  margin: 0.5em 0 0;
  white-space: pre-wrap;
}
.natter-thread .natter-actions {
  margin: 0.25em 0 0;
  font-size: 0.875em;
}
.natter-thread .natter-empty,
.natter-thread .natter-notice,
.natter-thread .natter-write {
  margin: 0 0 var(--_gap);
  color: var(--_muted);
}
.natter-thread .natter-more {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5em var(--_gap);
}
.natter-thread .natter-button {
  display: inline-block;
  font: inherit;
  font-weight: 600;
  padding: 0.5em 1.25em;
  border: 1px solid var(--_accent);
  border-radius: var(--_radius);
  color: var(--_accent);
  text-decoration: none;
}
.natter-thread .natter-more-replies {
  display: none;
}
/* Where scripts run, the widget is about to take this place: fold and hold what its first paint folds and holds. */
@media (scripting: enabled) {
  .natter-thread.natter-embedded .natter-folded {
    display: none;
  }
  .natter-thread.natter-embedded .natter-more-replies {
    display: inline-block;
    margin-top: 0.5em;
  }
  .natter-thread.natter-embedded .natter-write {
    min-height: 30rem;
    margin: 0;
  }
}

/* The thread page. */
.natter-page {
  max-width: 42rem;
  margin: 0 auto;
  padding: 1rem;
  font-family: system-ui, sans-serif;
  line-height: 1.55;
  color-scheme: light dark;
}
.natter-page h1 {
  font-size: 1.6em;
  line-height: 1.25;
}
.natter-page .natter-status {
  padding: 0.75rem;
  border-radius: 0.5rem;
  background: color-mix(in srgb, currentColor 6%, transparent);
}
.natter-page .natter-alert {
  padding: 0.75rem;
  border: 2px solid #b3261e;
  border-radius: 0.5rem;
}
.natter-page form {
  display: grid;
  gap: 1rem;
  margin: 2rem 0 1rem;
}
.natter-page form h2,
.natter-page form p {
  margin: 0;
}
.natter-page .natter-field {
  display: grid;
  gap: 0.25rem;
}
.natter-page .natter-field label {
  font-weight: 600;
}
.natter-page input,
.natter-page textarea {
  font: inherit;
  padding: 0.5em;
  border: 1px solid color-mix(in srgb, currentColor 40%, transparent);
  border-radius: 0.5rem;
}
.natter-page textarea {
  min-height: 10rem;
}
.natter-page [aria-invalid='true'] {
  border: 2px solid #b3261e;
}
.natter-page .natter-hint,
.natter-page .natter-field-error {
  font-weight: normal;
  font-size: 0.875em;
}
.natter-page .natter-field-error {
  color: #b3261e;
}
.natter-page .natter-honeypot {
  position: absolute;
  top: -10000px;
  inset-inline-start: 0;
  width: 1px;
  height: 1px;
  overflow: hidden;
}
.natter-page button {
  justify-self: start;
  font: inherit;
  font-weight: 600;
  padding: 0.5em 1.25em;
  border: 1px solid #1a5fb4;
  border-radius: 0.5rem;
  background: #1a5fb4;
  color: #fff;
  cursor: pointer;
}
`;
