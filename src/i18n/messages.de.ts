import type { Messages } from './messages.en.js';

/** German messages, addressing the reader informally ("du"), as blogs usually do. */
export const de: Messages = {
  heading: { one: '{count} Kommentar', other: '{count} Kommentare' },
  headingEmpty: 'Kommentare',
  loading: 'Kommentare werden geladen …',
  empty: 'Noch keine Kommentare. Schreib den ersten und teile deine Gedanken.',
  loadError: 'Die Kommentare konnten nicht geladen werden.',
  loadErrorNotAllowed: 'Der Kommentar-Server erlaubt dieser Website nicht, seine Kommentare anzuzeigen.',
  retry: 'Erneut versuchen',
  showMore: 'Weitere Kommentare anzeigen',
  loadingMore: 'Weitere Kommentare werden geladen …',
  locked: 'Die Kommentare zu dieser Seite sind geschlossen.',
  edited: 'bearbeitet',
  awaitingModeration: 'Wartet auf Freigabe',

  formHeading: 'Neuen Kommentar schreiben',
  nameLabel: 'Name',
  emailLabel: 'E-Mail (optional)',
  emailHint: 'Wird nie öffentlich angezeigt.',
  urlLabel: 'Website-URL (optional)',
  textLabel: 'Kommentar',
  rememberMe: 'Auf diesem Gerät merken',
  escapingNotice: 'HTML wird als reiner Text angezeigt. URLs werden automatisch verlinkt.',
  charactersLeft: { one: 'Noch {count} Zeichen übrig', other: 'Noch {count} Zeichen übrig' },
  submit: 'Senden',
  submitting: 'Wird gesendet …',
  draftRestored: 'Dein noch nicht gesendeter Kommentar wurde wiederhergestellt.',

  required: 'Bitte fülle dieses Feld aus.',
  tooLong: {
    one: 'Bitte verwende höchstens {count} Zeichen.',
    other: 'Bitte verwende höchstens {count} Zeichen.',
  },
  invalidEmail: 'Bitte gib eine E-Mail-Adresse wie name@example.com ein.',
  invalidCharacters: 'Bitte entferne Steuer- oder Richtungszeichen.',
  invalidUrl: 'Bitte gib eine Webadresse ein, die mit http:// oder https:// beginnt.',
  postError: 'Dein Kommentar konnte nicht gesendet werden: {message}',
  postErrorField: 'Dein Kommentar konnte nicht gesendet werden. Bitte korrigiere das markierte Feld.',
  fieldRefused: 'Der Server hat diese Eingabe nicht angenommen. Bitte ändere sie.',
  postErrorNetwork:
    'Dein Kommentar konnte nicht gesendet werden, weil der Server nicht erreichbar war. Er bleibt hier erhalten; bitte versuch es noch einmal.',
  rateLimited: {
    one: 'Du schreibst zu schnell. Bitte versuch es in {count} Sekunde noch einmal.',
    other: 'Du schreibst zu schnell. Bitte versuch es in {count} Sekunden noch einmal.',
  },

  edit: 'Bearbeiten',
  delete: 'Löschen',
  save: 'Speichern',
  saving: 'Wird gespeichert …',
  cancel: 'Abbrechen',
  editLabel: 'Deinen Kommentar bearbeiten',
  confirmDelete: 'Diesen Kommentar löschen? Das lässt sich nicht rückgängig machen.',
  confirmDeleteButton: 'Kommentar löschen',
  keepComment: 'Behalten',
  deleting: 'Wird gelöscht …',
  commentUpdated: 'Dein Kommentar wurde aktualisiert.',
  commentUpdatedPending:
    'Dein Kommentar wurde aktualisiert und erscheint wieder, sobald er freigegeben wurde.',
  commentDeleted: 'Dein Kommentar wurde gelöscht.',
  editWindowClosed: 'Die Zeit zum Ändern dieses Kommentars ist abgelaufen; er bleibt, wie er ist.',
  secretRejected: 'Dieser Browser kann diesen Kommentar nicht mehr ändern.',
  deleteHasReplies:
    'Auf diesen Kommentar wurde schon geantwortet, daher kann er nicht mehr gelöscht werden. Bearbeiten geht noch.',
  changeFailed: 'Die Änderung konnte nicht gespeichert werden: {message}',
  changeFailedNetwork:
    'Der Server ist nicht erreichbar. Dein Text bleibt hier erhalten; bitte versuch es noch einmal.',
  changeRateLimited: {
    one: 'Du änderst zu schnell. Bitte versuch es in {count} Sekunde noch einmal.',
    other: 'Du änderst zu schnell. Bitte versuch es in {count} Sekunden noch einmal.',
  },
  close: 'Schließen',
  posted: 'Dein Kommentar ist veröffentlicht.',
  postedPending: 'Dein Kommentar wartet auf Freigabe und erscheint, sobald er freigegeben ist.',
};
