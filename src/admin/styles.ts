import { css } from 'lit';

/** What every screen shares: headings, buttons, fields, badges and the focus ring, in the page's colours. */
export const sharedStyles = css`
  :host {
    display: block;
    color: var(--admin-text);
    font-family: var(--admin-font);
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h1 {
    font-size: 1.5rem;
    line-height: 1.25;
    margin: 0 0 0.25rem;
  }

  h2 {
    font-size: 1.125rem;
    margin: 1.5rem 0 0.5rem;
  }

  /* Headings take focus only to tell screen readers where a new screen begins: nothing to operate, no ring. */
  [tabindex='-1']:focus {
    outline: none;
  }

  p {
    margin: 0.25rem 0;
  }

  .intro {
    color: var(--admin-muted);
    margin-bottom: 1rem;
  }

  a {
    color: var(--admin-accent);
  }

  :focus-visible {
    outline: 2px solid var(--admin-focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    font-size: 0.9375rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.875rem;
    border-radius: 6px;
    border: 1px solid var(--admin-border);
    background: var(--admin-surface);
    color: var(--admin-text);
    cursor: pointer;
  }

  button:hover {
    border-color: var(--admin-muted);
  }

  button[disabled] {
    cursor: default;
    opacity: 0.65;
  }

  button.primary {
    background: var(--admin-accent);
    border-color: var(--admin-accent);
    color: var(--admin-accent-contrast);
    font-weight: 600;
  }

  button.danger {
    color: var(--admin-danger);
  }

  input,
  select,
  textarea {
    font: inherit;
    color: var(--admin-text);
    background: var(--admin-background);
    border: 1px solid var(--admin-muted);
    border-radius: 6px;
    padding: 0.375rem 0.5rem;
    min-height: 2.5rem;
    max-width: 100%;
  }

  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--admin-accent);
  }

  label {
    font-weight: 600;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: 0.75rem;
  }

  .field-error {
    color: var(--admin-danger);
    font-weight: 400;
  }

  .badge {
    display: inline-block;
    min-width: 1.5rem;
    padding: 0 0.45rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    line-height: 1.5rem;
    text-align: center;
    background: var(--admin-border);
    color: var(--admin-text);
  }

  .error {
    color: var(--admin-danger);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  kbd {
    font-family: var(--admin-mono);
    font-size: 0.875em;
    padding: 0 0.3em;
    border: 1px solid var(--admin-border);
    border-bottom-width: 2px;
    border-radius: 4px;
    background: var(--admin-surface);
  }
`;
