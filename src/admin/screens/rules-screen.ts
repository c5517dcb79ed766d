import { css, html, nothing } from 'lit';
import {
  ruleActions,
  ruleKinds,
  type AdminRule,
  type AdminRuleAction,
  type AdminRuleKind,
} from '../../protocol/admin.js';
import { AdminApiError } from '../api/admin-error.js';
import { announce } from '../events.js';
import { sharedStyles } from '../styles.js';
import { AdminScreen } from './admin-screen.js';

const kindKeys = {
  word: 'kindWord',
  domain: 'kindDomain',
  email: 'kindEmail',
  name: 'kindName',
  ip: 'kindIp',
} as const satisfies Record<AdminRuleKind, string>;

const actionKeys = {
  spam: 'actionSpam',
  pending: 'actionPending',
  publish: 'actionPublish',
} as const satisfies Record<AdminRuleAction, string>;

type RulesState = { kind: 'pending' } | { kind: 'complete'; rules: AdminRule[] } | { kind: 'error' };

/** The block- and allow-list: every rule with its note and a Remove button, and a form that adds one. */
export class AdminRules extends AdminScreen {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0 0.75rem;
        align-items: end;
        padding: 1rem;
        border: 1px solid var(--admin-border);
        border-radius: 8px;
        background: var(--admin-surface);
        margin: 1rem 0 1.5rem;
      }

      form input,
      form select {
        width: 100%;
      }

      form .submit {
        margin-bottom: 0.75rem;
      }

      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }

      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 1rem;
        padding: 0.625rem 0.875rem;
        border: 1px solid var(--admin-border);
        border-radius: 8px;
      }

      .rule {
        flex: 1 1 16rem;
        min-width: 0;
      }

      .pattern {
        font-family: var(--admin-mono);
        font-weight: 600;
        overflow-wrap: anywhere;
      }

      .meta {
        color: var(--admin-muted);
        font-size: 0.875rem;
      }
    `,
  ];

  static override properties = {
    state: { state: true },
    isAdding: { state: true },
    patternError: { state: true },
    formError: { state: true },
  };

  state: RulesState = { kind: 'pending' };
  isAdding = false;
  patternError = '';
  formError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    if (!this.client) return;
    this.state = { kind: 'pending' };
    try {
      this.state = { kind: 'complete', rules: (await this.client.rules()).rules };
    } catch {
      this.state = { kind: 'error' };
    }
  }

  async #add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    if (!this.client || this.isAdding) return;
    this.isAdding = true;
    this.patternError = '';
    this.formError = '';
    try {
      const { rule } = await this.client.addRule({
        kind: value('kind') as AdminRuleKind,
        pattern: value('pattern'),
        action: value('action') as AdminRuleAction,
        note: value('note') || null,
      });
      if (this.state.kind === 'complete')
        this.state = { kind: 'complete', rules: [...this.state.rules, rule] };
      (form.elements.namedItem('pattern') as HTMLInputElement).value = '';
      (form.elements.namedItem('note') as HTMLInputElement).value = '';
      announce(this, this.l.t('ruleAddedAnnouncement'));
    } catch (error) {
      if (error instanceof AdminApiError && error.field === 'pattern') {
        this.patternError = this.l.t('patternInvalid');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#pattern')?.focus();
      } else if (error instanceof AdminApiError && error.field === 'action') {
        this.formError = this.l.t('allowListNamesAuthors');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLSelectElement>('#action')?.focus();
      } else {
        this.formError = this.failureMessage(error);
      }
    } finally {
      this.isAdding = false;
    }
  }

  async #remove(rule: AdminRule): Promise<void> {
    if (!this.client || this.state.kind !== 'complete') return;
    const index = this.state.rules.indexOf(rule);
    try {
      await this.client.removeRule(rule.id);
    } catch (error) {
      if (!(error instanceof AdminApiError && error.status === 404)) {
        announce(this, this.l.t('genericError', { message: (error as Error).message }), true);
        return;
      }
    }
    if (this.state.kind !== 'complete') return;
    const rules = this.state.rules.filter((other) => other.id !== rule.id);
    this.state = { kind: 'complete', rules };
    announce(this, this.l.t('ruleRemovedAnnouncement'));
    await this.updateComplete;
    // Focus goes to the next rule's button (or the previous one's, or the form) rather than to nowhere.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('li button')];
    (
      buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#kind')
    )?.focus();
  }

  #renderRules() {
    const { l } = this;
    if (this.state.kind === 'pending') return html`<p role="status">${l.t('loading')}</p>`;
    if (this.state.kind === 'error') {
      return html`<p class="error">${l.t('loadError')}</p>
        <button type="button" @click=${() => void this.#load()}>${l.t('retry')}</button>`;
    }
    if (this.state.rules.length === 0) return html`<p class="muted">${l.t('rulesEmpty')}</p>`;
    return html`<ul aria-label=${l.t('rulesTableCaption')}>
      ${this.state.rules.map(
        (rule) =>
          html`<li>
            <div class="rule">
              <span class="pattern" dir="auto">${rule.pattern}</span>
              <div class="meta">
                ${l.t(kindKeys[rule.kind])} ${l.direction === 'rtl' ? '←' : '→'}
                ${l.t(actionKeys[rule.action])} · ${l.t('ruleAdded', { date: l.date(rule.createdAt) })}
              </div>
              ${rule.note ? html`<div dir="auto">${rule.note}</div>` : nothing}
            </div>
            <button
              type="button"
              class="danger"
              aria-label=${l.t('removeRule', { pattern: rule.pattern })}
              @click=${() => void this.#remove(rule)}
            >
              ${l.t('remove')}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  protected override render() {
    const { l } = this;
    return html`<h1 tabindex="-1">${l.t('rulesHeading')}</h1>
      <p class="intro">${l.t('rulesIntro')}</p>
      <form @submit=${this.#add} novalidate aria-label=${l.t('addRule')}>
        <div class="field">
          <label for="kind">${l.t('ruleKind')}</label>
          <select id="kind" name="kind">
            ${ruleKinds.map((kind) => html`<option value=${kind}>${l.t(kindKeys[kind])}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="pattern">${l.t('rulePattern')}</label>
          <input
            id="pattern"
            name="pattern"
            required
            maxlength="200"
            autocomplete="off"
            aria-invalid=${this.patternError ? 'true' : 'false'}
            aria-describedby=${this.patternError ? 'pattern-error' : nothing}
          />
          ${
            this.patternError
              ? html`<span class="field-error" id="pattern-error">${this.patternError}</span>`
              : nothing
          }
        </div>
        <div class="field">
          <label for="action">${l.t('ruleAction')}</label>
          <select id="action" name="action">
            ${ruleActions.map((action) => html`<option value=${action}>${l.t(actionKeys[action])}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="note">${l.t('ruleNote')}</label>
          <input id="note" name="note" maxlength="500" autocomplete="off" />
        </div>
        <div class="submit">
          <button class="primary" type="submit" ?disabled=${this.isAdding}>
            ${this.isAdding ? l.t('addingRule') : l.t('addRule')}
          </button>
        </div>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      </form>
      ${this.#renderRules()}`;
  }
}
