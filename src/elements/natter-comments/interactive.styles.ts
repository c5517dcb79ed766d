import { css } from 'lit';

/**
 * The styles of what the widget shows once a reader acts rather than reads: the post form, Edit and Delete, the
 * editor, the deletion's confirmation, the comment just posted, and Report with its choice of reason. They come with the interactive chunk, and
 * follow the element's own styles, whose custom properties they use.
 */
export const interactiveStyles = css`
  /* Only the reader's own comments await moderation where the reader can see them. */
  .badge {
    font-size: 0.8em;
    padding: 0.1em 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_muted);
  }
  .hint,
  .counter {
    color: var(--_muted);
    font-size: 0.875em;
  }
  /*
   * The comment the reader has just posted: marked for as long as its confirmation shows, lit up at first. The
   * light is a layer of its own behind the text that fades by opacity alone, which the compositor animates without
   * repainting the comment (a fading background repainted it on every frame for 4 seconds).
   */
  .just-posted {
    position: relative;
    isolation: isolate;
    padding-inline: 0.75em;
    box-shadow: inset 3px 0 var(--_accent);
  }
  /* Box shadows have no logical sides: the bar is at the start of the line, whichever side that is. */
  .just-posted:dir(rtl) {
    box-shadow: inset -3px 0 var(--_accent);
  }
  .just-posted::after {
    content: '';
    position: absolute;
    inset: 0;
    z-index: -1;
    background: color-mix(in srgb, var(--_accent) 22%, transparent);
    opacity: 0;
    pointer-events: none;
    animation: arrived 4s ease-out;
  }
  @keyframes arrived {
    from {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .just-posted::after {
      animation: none;
      opacity: 0.45;
    }
  }
  .confirmation {
    margin: 0.5em 0 0;
    font-weight: 600;
  }
  .confirmation::before {
    content: '✓ ' / '';
    color: var(--_accent);
  }
  .own-actions,
  .own-confirm,
  .own-editor,
  .report,
  .reply,
  .report-form {
    margin-top: 0.5em;
  }
  /* Reply, then Edit and Delete or Report, on one line; a confirmation or a report's choice below them. */
  .comment-actions {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.25em;
    margin-inline-start: -0.5em;
  }
  /* Their own pull to the start (for when they stand alone) is the row's already: as specific as theirs, or it loses. */
  .comment-actions > *,
  .comment-actions > .own-actions,
  .comment-actions > .reply,
  .comment-actions > .report {
    margin-inline-start: 0;
  }
  .comment-actions > form,
  .comment-actions > .own-confirm {
    flex-basis: 100%;
    margin-inline-start: 0.5em;
  }
  /* Edit, Delete, Reply, Report and Like are light, text-style buttons, with a target of at least 24 by 24 pixels. */
  .own-actions,
  .reply,
  .report {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    align-items: center;
    margin-inline-start: -0.5em;
  }
  .own-actions button,
  .reply button,
  .report button,
  .like button {
    min-width: 24px;
    min-height: 24px;
    padding: 0 0.5em;
    border-color: transparent;
    font-size: 0.875em;
    font-weight: normal;
  }
  /* Report is there for everyone's comments: quieter than the reader's own Edit and Delete. */
  .report button {
    color: var(--_muted);
  }
  .own-actions button:hover,
  .reply button:hover,
  .report button:hover,
  .like button:hover {
    text-decoration: underline;
  }
  .report-note,
  .report-thanks {
    padding-inline: 0.5em;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .report-thanks {
    color: inherit;
  }
  .own-confirm button,
  .own-editor button,
  .report-form button {
    font-size: 0.875em;
    padding: 0.3em 0.9em;
  }
  .report-form fieldset {
    display: grid;
    gap: 0.25em;
    margin: 0 0 0.5em;
    padding: 0;
    border: 0;
  }
  .report-form legend {
    margin-bottom: 0.25em;
    padding: 0;
    font-weight: 600;
  }
  .own-confirm .own-confirm-delete {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--natter-danger-contrast, #ffffff);
  }
  .dark .own-confirm .own-confirm-delete {
    color: var(--natter-danger-contrast, #370b08);
  }
  .own-confirm p {
    margin: 0 0 0.5em;
  }
  .own-editor {
    display: grid;
    gap: 0.5em;
  }
  form {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    margin-top: calc(var(--_gap) * 1.5);
  }
  /* A reply is written under the comment it answers, set off by the line replies hang from. */
  form.reply-form {
    margin: 0.75em 0 0.25em;
    padding-inline-start: clamp(0.5em, 2.5vw, 1.25em);
    border-inline-start: 2px solid var(--_accent);
  }
  .identity {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .field {
    display: grid;
    gap: 0.25em;
    align-content: start;
  }
  label {
    font-weight: 600;
    font-size: 0.95em;
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
    width: 100%;
    padding: 0.5em 0.65em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_input-background);
  }
  input:focus-visible,
  textarea:focus-visible {
    outline-offset: 0;
    border-color: var(--_accent);
  }
  textarea {
    min-height: 8em;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .checkbox {
    display: flex;
    gap: 0.5em;
    align-items: center;
    font-weight: normal;
  }
  .checkbox input {
    width: auto;
  }
  /*
   * The honeypot: out of sight above the page rather than display: none, which bots read as a sign to leave a field
   * alone (above, not beside: no scroll bar, whatever the page's direction).
   */
  .honeypot {
    position: absolute;
    top: -10000px;
    inset-inline-start: 0;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }

  /* Like sits with Reply and Report, a light button; pressed, it takes the accent. */
  .like {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    align-items: center;
    margin-top: 0.5em;
  }
  .like-icon {
    margin-inline-end: 0.2em;
  }
  .like-count {
    font-variant-numeric: tabular-nums;
  }
  .like .liked {
    font-weight: 600;
  }
  .like-error {
    flex-basis: 100%;
    padding-inline: 0.5em;
  }
  /* Above the comments: the choice of order, and the feed. */
  .thread-tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em var(--_gap);
    margin: calc(var(--_gap) * -0.5) 0 var(--_gap);
    font-size: 0.875em;
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: normal;
    color: var(--_muted);
  }
  .sort select {
    font: inherit;
    color: var(--natter-text, CanvasText);
    min-height: 24px;
    padding: 0.2em 0.4em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_input-background);
  }
  .feed {
    margin-inline-start: auto;
  }
  /* "My response is on my own website": quiet, under the comments; its arrow turns down while the form is open. */
  .respond {
    margin: 0 0 var(--_gap);
  }
  .respond-open {
    min-height: 24px;
    padding: 0;
    border: 0;
    font-weight: normal;
  }
  .respond-open:hover {
    text-decoration: underline;
  }
  .respond-arrow {
    display: inline-block;
    margin-inline-start: 0.3em;
    transition: transform 0.15s ease-out;
  }
  [aria-expanded='true'] > .respond-arrow {
    transform: rotate(90deg);
  }
  @media (prefers-reduced-motion: reduce) {
    .respond-arrow {
      transition: none;
    }
  }
  /* New comments wait at the top of the screen while the reader is in the thread. */
  .new-comments {
    position: sticky;
    top: 0.5em;
    z-index: 1;
    display: block;
    margin: 0 auto var(--_gap);
    border-radius: 999px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 25%);
  }
`;
