import { css } from 'lit';

/** The lists' own look: cards of comments and references, their facts and actions, the bulk bar, the filters. */
export const listStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0.5rem 0 0.75rem;
  }

  .select-all {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }

  .bulk {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    margin-bottom: 0.75rem;
    border: 1px solid var(--admin-accent);
    border-radius: 8px;
    background: var(--admin-selected);
  }

  .bulk .count {
    font-weight: 600;
    margin-inline-end: auto;
  }

  .comments,
  .references {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }

  .comment,
  .reference {
    border: 1px solid var(--admin-border);
    border-radius: 8px;
    padding: 0.75rem 1rem 0.875rem;
    background: var(--admin-background);
    scroll-margin: 4rem 0 1rem;
  }

  .comment:focus,
  .reference:focus {
    outline: none;
  }

  .comment:focus-visible,
  .comment:focus-within,
  .reference:focus-visible,
  .reference:focus-within {
    border-color: var(--admin-accent);
    box-shadow: 0 0 0 1px var(--admin-accent);
  }

  .comment.selected {
    background: var(--admin-selected);
  }

  .comment-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.625rem;
  }

  .author,
  .title {
    font-size: 1rem;
    font-weight: 700;
    margin: 0;
    overflow-wrap: anywhere;
  }

  .status,
  .reported {
    font-size: 0.8125rem;
    font-weight: 600;
    padding: 0 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    line-height: 1.4rem;
  }

  .status-pending,
  .state-queued {
    color: var(--admin-warning);
  }

  .status-published {
    color: var(--admin-success);
  }

  .status-spam,
  .status-deleted,
  .state-refused,
  .state-removed,
  .reported {
    color: var(--admin-danger);
  }

  .kind {
    color: var(--admin-muted);
    font-size: 0.875rem;
    font-weight: 600;
  }

  .filters ul {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0.5rem 0 1rem;
    padding: 0;
  }

  .filters a {
    display: inline-block;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--admin-border);
    border-radius: 999px;
    color: var(--admin-text);
    text-decoration: none;
  }

  .filters a:hover {
    background: var(--admin-surface);
  }

  .filters a[aria-current='page'] {
    background: var(--admin-selected);
    border-color: var(--admin-accent);
    font-weight: 600;
  }

  .when {
    color: var(--admin-muted);
    font-size: 0.875rem;
    margin-inline-start: auto;
  }

  .thread {
    margin: 0.25rem 0 0;
    overflow-wrap: anywhere;
  }

  .reply {
    color: var(--admin-muted);
    font-size: 0.875rem;
  }

  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
    margin: 0.25rem 0 0;
    font-size: 0.875rem;
  }

  .facts div {
    display: flex;
    gap: 0.375rem;
    min-width: 0;
  }

  /* A label stays whole ("What went wrong:"); its value wraps beside it. */
  .facts dt {
    flex-shrink: 0;
    color: var(--admin-muted);
  }

  .facts dt::after {
    content: ':';
  }

  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .muted {
    color: var(--admin-muted);
  }

  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0.625rem 0 0.5rem;
    max-height: 24rem;
    overflow: auto;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }

  .editor textarea {
    width: 100%;
    margin-top: 0.625rem;
    resize: vertical;
  }

  .details {
    margin-top: 0.75rem;
    padding-top: 0.5rem;
    border-top: 1px solid var(--admin-border);
    font-size: 0.9375rem;
  }

  .details-heading {
    font-size: 0.9375rem;
    font-weight: 700;
    margin: 0.5rem 0 0.125rem;
  }

  .details ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .earlier li {
    overflow-wrap: anywhere;
  }

  .section-heading {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }

  .more {
    margin-top: 0.75rem;
  }

  .hint {
    color: var(--admin-muted);
    font-size: 0.875rem;
  }

  @media (max-width: 40rem) {
    .when {
      margin-inline-start: 0;
      width: 100%;
    }

    .comment,
    .reference {
      scroll-margin-top: 7rem;
    }
  }

  /* Shortcuts are for keyboards: a phone's reader is not told of them. */
  @media (max-width: 40rem), (pointer: coarse) {
    .hint {
      display: none;
    }
  }
`;
