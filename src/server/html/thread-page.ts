import { limits } from '../../protocol/limits.js';
import type { Comment } from '../../protocol/types.js';
import { h, toDocument, type Child } from './markup.js';
import type { PageLocalizer } from './page-language.js';

// The pages of the thread for readers without JavaScript (GET /thread, and the answer to a form that failed): the
// thread's markup, and a plain HTML form that posts to POST /thread with the honeypot and a form token.

/** What the reader typed, sent back into the form after a failed post; empty for a new form. */
export interface FormValues {
  name: string;
  email: string;
  url: string;
  text: string;
  /** Whether the author asked to be e-mailed about replies. */
  notify: boolean;
}

export const emptyForm: FormValues = { name: '', email: '', url: '', text: '', notify: false };

/** The form of the thread page. */
export interface FormView {
  thread: string;
  /** The page's language, posted with the form so that the page answering it speaks it too. */
  lang: string;
  /** Where the reader goes once the comment is posted: this page. */
  returnTo: string;
  formToken: string;
  /** The comment the reader replies to, with the link that drops the reply. */
  parent?: { comment: Comment; cancel: string };
  values: FormValues;
  /** The field the server refused, with why. */
  fieldError?: { field: string; message: string };
  /** Longest text the server takes. */
  textLength: number;
  /** Whether the server offers to e-mail authors about replies (`ThreadInfo.replyNotifications`). */
  offersNotifications: boolean;
}

export interface PageView {
  /** The page's words, its language (`lang`) and direction (`dir`). */
  localizer: PageLocalizer;
  title: string;
  /** The page the thread belongs to, linked at the top. */
  backTo?: string;
  /** A notice at the top: how a post went (a status), or why one failed (an alert). */
  notice?: { kind: 'status' | 'alert'; lines: string[] };
  /** The thread's markup. */
  thread?: Child;
  form?: FormView;
}

function field(
  form: FormView,
  name: Exclude<keyof FormValues, 'notify'>,
  label: string,
  control: (attributes: Record<string, string | number | boolean | undefined>) => Child,
  hint?: string,
): Child {
  const error = form.fieldError?.field === name ? form.fieldError.message : undefined;
  const described = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ');
  return h(
    'div',
    { class: 'natter-field' },
    h('label', { for: `field-${name}` }, label),
    control({
      id: `field-${name}`,
      name,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': described || undefined,
    }),
    hint && h('span', { class: 'natter-hint', id: `${name}-hint` }, hint),
    error && h('span', { class: 'natter-field-error', id: `${name}-error` }, error),
  );
}

/** The post form: the thread, where to return, the form token, the honeypot and the reader's fields. */
function form(view: FormView, localizer: PageLocalizer): Child {
  const { values, parent } = view;
  const heading = parent
    ? localizer.t('replyHeading', { name: parent.comment.author.name })
    : localizer.t('formHeading');
  return h(
    'form',
    { method: 'post', action: 'thread', id: 'write' },
    h('h2', {}, heading),
    parent && h('p', {}, h('a', { href: parent.cancel }, localizer.t('newCommentInstead'))),
    h('input', { type: 'hidden', name: 'thread', value: view.thread }),
    parent && h('input', { type: 'hidden', name: 'parent', value: parent.comment.id }),
    h('input', { type: 'hidden', name: 'return', value: view.returnTo }),
    h('input', { type: 'hidden', name: 'formToken', value: view.formToken }),
    h('input', { type: 'hidden', name: 'lang', value: view.lang }),
    field(view, 'name', localizer.t('nameLabel'), (attributes) =>
      h('input', {
        ...attributes,
        type: 'text',
        required: true,
        maxlength: limits.nameLength,
        autocomplete: 'name',
        value: values.name,
      }),
    ),
    field(
      view,
      'email',
      localizer.t('emailLabel'),
      (attributes) =>
        h('input', {
          ...attributes,
          type: 'email',
          maxlength: limits.emailLength,
          autocomplete: 'email',
          value: values.email,
        }),
      localizer.t('emailHint'),
    ),
    field(view, 'url', localizer.t('urlLabel'), (attributes) =>
      h('input', {
        ...attributes,
        type: 'url',
        maxlength: limits.urlLength,
        autocomplete: 'url',
        value: values.url,
      }),
    ),
    field(
      view,
      'text',
      localizer.t('textLabel'),
      (attributes) =>
        h('textarea', { ...attributes, required: true, maxlength: view.textLength }, values.text),
      localizer.t('escapingNotice'),
    ),
    view.offersNotifications &&
      h(
        'div',
        { class: 'natter-field natter-checkbox' },
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            name: 'notify',
            value: '1',
            checked: values.notify,
            'aria-describedby': 'notify-hint',
          }),
          ` ${localizer.t('notifyReplies')}`,
        ),
        h('span', { class: 'natter-hint', id: 'notify-hint' }, localizer.t('notifyHint')),
      ),
    // Out of sight above the page, not display: none (which bots read as a sign to leave a field alone); the same
    // name as the widget's.
    h(
      'div',
      { class: 'natter-honeypot', 'aria-hidden': 'true' },
      h(
        'label',
        {},
        localizer.t('honeypotLabel'),
        h('input', { type: 'text', name: 'homepage', tabindex: -1, autocomplete: 'off' }),
      ),
    ),
    h('button', { type: 'submit' }, localizer.t(parent ? 'submitReply' : 'submit')),
  );
}

/** A whole page of the thread, or of a failed post. */
export function threadPage(view: PageView): string {
  const { notice, localizer } = view;
  return toDocument(
    h(
      'html',
      { lang: localizer.locale, dir: localizer.direction },
      h(
        'head',
        {},
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', {}, view.title),
        h('link', { rel: 'stylesheet', href: 'thread/thread.css' }),
      ),
      h(
        'body',
        {},
        h(
          'main',
          { class: 'natter-page' },
          view.backTo && h('nav', {}, h('a', { href: view.backTo }, localizer.t('backToPage'))),
          h('h1', {}, view.title),
          notice &&
            h(
              'div',
              notice.kind === 'alert'
                ? { class: 'natter-alert', role: 'alert' }
                : { class: 'natter-status', role: 'status' },
              notice.lines.map((line) => h('p', {}, line)),
            ),
          view.thread && h('div', { class: 'natter-thread' }, view.thread),
          view.form && form(view.form, localizer),
        ),
      ),
    ),
  );
}
