import { css } from 'lit';

/**
 * The widget takes the page's font and text colour and paints no background; its own colours are custom
 * properties with light and dark defaults, which the element picks (the `light` or `dark` class) to suit the page
 * behind it under `theme="auto"`, or as `theme` says. A fixed theme on a page of the other kind would be hard to
 * read: there the widget becomes a panel with its own background and text colour (the `panel` class).
 */
export const styles = css`
  :host {
    --_accent: var(--natter-accent, #1a5fb4);
    --_accent-contrast: var(--natter-accent-contrast, #ffffff);
    --_danger: var(--natter-danger, #b3261e);
    --_muted: var(--natter-muted, color-mix(in srgb, currentColor 68%, transparent));
    --_border: var(--natter-border, color-mix(in srgb, currentColor 22%, transparent));
    --_surface: var(--natter-surface, color-mix(in srgb, currentColor 4%, transparent));
    --_input-background: var(--natter-input-background, transparent);
    --_radius: var(--natter-radius, 0.5rem);
    --_gap: var(--natter-spacing, 1rem);
    display: block;
    font: var(--natter-font, inherit);
    color: var(--natter-text, inherit);
    line-height: 1.55;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  .light {
    color-scheme: light;
  }
  .dark {
    --_accent: var(--natter-accent, #8ab4f8);
    --_accent-contrast: var(--natter-accent-contrast, #0b1a33);
    --_danger: var(--natter-danger, #f2b8b5);
    color-scheme: dark;
  }

  .panel {
    padding: var(--_gap);
    border-radius: var(--_radius);
    color: var(--natter-text, CanvasText);
    background: var(--natter-background, Canvas);
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  a {
    color: var(--_accent);
  }
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 var(--_gap);
  }
  h2 {
    font-size: 1.4em;
  }
  h3 {
    font-size: 1.15em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .placeholder {
    min-height: var(--natter-placeholder-height, 14rem);
  }
  /* The form's module may arrive a moment after the thread: hold its place so nothing below jumps. */
  .form-placeholder {
    min-height: 30rem;
  }
  .skeleton {
    height: 0.9em;
    margin: 0 0 0.8em;
    border-radius: var(--_radius);
    background: var(--_border);
    opacity: 0.5;
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton:nth-child(3n + 2) {
    width: 72%;
  }
  .skeleton:nth-child(3n + 3) {
    width: 48%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.2;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }

  .comments {
    list-style: none;
    margin: 0 0 var(--_gap);
    padding: 0;
  }
  .comment {
    padding: calc(var(--_gap) * 0.75) 0;
    border-top: 1px solid var(--_border);
  }
  .group:last-child > :last-child {
    border-bottom: 1px solid var(--_border);
  }
  /*
   * Eight conversations out of sight are neither laid out nor painted (their size is the one they had when last
   * seen, or a guess), so a thread of thousands costs what the screen shows. Highlights and focus rings reach out.
   */
  .group {
    content-visibility: auto;
    contain-intrinsic-size: auto 80em;
    overflow-clip-margin: 0.75em;
  }
  /* Replies hang from a line below their parent, indented less on narrow screens. */
  .replies {
    list-style: none;
    margin: 0.5em 0 0;
    padding-inline-start: clamp(0.5em, 2.5vw, 1.25em);
    border-inline-start: 2px solid var(--_border);
  }
  .replies > .comment {
    padding-bottom: 0;
    border: 0;
  }
  .replies > .comment + .comment {
    margin-top: 0.5em;
  }
  /* A permalink's comment, scrolled to with its highlight and focus ring in view. */
  .target {
    scroll-margin-top: 1em;
  }
  .target > article {
    margin: -0.375em -0.5em;
    padding: 0.375em 0.5em;
    /* The accent bar at the start of the line, on the right in a right-to-left thread; the text stays in line. */
    padding-inline-start: calc(0.5em - 3px);
    border-inline-start: 3px solid var(--_accent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  .deleted {
    margin: 0;
    color: var(--_muted);
    font-style: italic;
  }
  /* Arabic and Hebrew have no italics: the browser would slant the letters itself. */
  .deleted:dir(rtl) {
    font-style: normal;
  }
  .permalink {
    color: inherit;
    text-decoration: none;
  }
  .permalink:hover {
    text-decoration: underline;
  }
  .in-reply-to {
    font-size: 0.875em;
  }
  .more-replies {
    margin-top: 0.5em;
  }
  .earlier {
    margin-bottom: var(--_gap);
  }
  .comment header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
  }
  .avatar {
    flex: none;
    align-self: center;
    width: 2em;
    height: 2em;
    border-radius: 50%;
  }
  /* The drawn avatar behind a Gravatar image, and the image once it failed (avatar.ts). */
  .avatar[hidden] {
    display: none;
  }
  .author {
    font-weight: 600;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .edited::before {
    content: ' · ';
  }
  .body p {
    margin: 0.5em 0 0;
    /* Runs of spaces are the author's: keep them (newlines are <br> and paragraphs already). */
    white-space: pre-wrap;
  }

  #heading:focus {
    outline: none;
  }
  .notice,
  .empty {
    margin: 0 0 var(--_gap);
    color: var(--_muted);
  }
  .error {
    margin: 0 0 var(--_gap);
    color: var(--_danger);
  }
  .policy {
    margin: 0 0 var(--_gap);
    padding: calc(var(--_gap) * 0.75);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .policy slot > :first-child,
  .policy ::slotted(:first-child) {
    margin-top: 0;
  }
  .policy slot > :last-child,
  .policy ::slotted(:last-child) {
    margin-bottom: 0;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em var(--_gap);
  }
  button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    padding: 0.5em 1.25em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.65;
  }
`;
