import { css } from 'lit';

/**
 * The styles of references and of the form that sends the reader's own: they come with the references chunk, and
 * follow the element's and the interactive chunk's styles, whose custom properties they use.
 */
export const referencesStyles = css`
  .references {
    margin: 0 0 var(--_gap);
  }
  .reference-list {
    list-style: none;
    margin: 0 0 var(--_gap);
    padding: 0;
  }
  .reference {
    padding: calc(var(--_gap) * 0.5) 0;
    border-top: 1px solid var(--_border);
  }
  .reference:last-child {
    border-bottom: 1px solid var(--_border);
  }
  .reference-meta {
    margin: 0;
    font-size: 0.875em;
  }
  .reference-meta .author {
    font-weight: 600;
  }
  /* "2 days ago" never breaks in two on a phone. */
  .reference-meta time {
    color: var(--_muted);
    white-space: nowrap;
  }
  .reference-title {
    display: inline-block;
    font-weight: 600;
  }
  .reference-excerpt {
    margin: 0.25em 0 0;
    white-space: pre-line;
  }
  .reactions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    margin: 0 0 calc(var(--_gap) * 0.5);
  }
  /* Under the faces, always: likes and reposts read alike, whatever the length of their names. */
  .reactions p {
    flex-basis: 100%;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .faces {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* Initials in circles, at least 24 by 24 pixels each to point at. */
  .face {
    display: grid;
    place-items: center;
    width: 2.25em;
    min-width: 24px;
    height: 2.25em;
    min-height: 24px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent) 16%, transparent);
    color: inherit;
    font-size: 0.75em;
    font-weight: 600;
    text-decoration: none;
  }
  a.face:hover {
    box-shadow: 0 0 0 2px var(--_accent);
  }
  .respond-form {
    margin: 0.5em 0 var(--_gap);
    padding-inline-start: clamp(0.5em, 2.5vw, 1.25em);
    border-inline-start: 2px solid var(--_accent);
  }
  .respond-status {
    margin: 0;
    font-weight: 600;
  }
  .respond-status.refused {
    color: var(--_danger);
  }
`;
