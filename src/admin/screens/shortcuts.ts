import type { AdminAction } from '../../protocol/admin.js';

/** What a key does in a list, as mail clients do it. */
export type Shortcut =
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'act'; action: AdminAction }
  | { kind: 'select' }
  | { kind: 'details' }
  | { kind: 'help' };

const keys: Record<string, Shortcut> = {
  j: { kind: 'move', by: 1 },
  k: { kind: 'move', by: -1 },
  a: { kind: 'act', action: 'approve' },
  s: { kind: 'act', action: 'spam' },
  d: { kind: 'act', action: 'delete' },
  r: { kind: 'act', action: 'restore' },
  x: { kind: 'select' },
  o: { kind: 'details' },
  '?': { kind: 'help' },
};

/**
 * Whether the key goes to something the moderator is typing into (a text field, a list box, editable text) or to
 * an open dialog: there it is theirs, never a shortcut's.
 */
export function isTyping(event: KeyboardEvent): boolean {
  for (const target of event.composedPath()) {
    if (target instanceof HTMLDialogElement) return true;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
    if (
      target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
    ) {
      return true;
    }
    if (target instanceof HTMLElement && target.isContentEditable) return true;
  }
  return false;
}

/** The shortcut `event` stands for; none with Ctrl, Alt or Meta (the browser's and the system's), or while typing. */
export function shortcutOf(event: KeyboardEvent): Shortcut | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return undefined;
  if (isTyping(event)) return undefined;
  const shortcut = keys[event.key];
  // Holding j or k walks the list; holding a or d must not act on every comment it passes.
  return event.repeat && shortcut?.kind !== 'move' ? undefined : shortcut;
}
