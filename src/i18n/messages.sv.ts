import type { Messages } from './messages.en.js';

/** Swedish messages, addressing the reader as "du". */
export const sv: Messages = {
  heading: { one: '{count} kommentar', other: '{count} kommentarer' },
  headingEmpty: 'Kommentarer',
  loading: 'Laddar kommentarer…',
  empty: 'Inga kommentarer än. Bli först med att dela dina tankar.',
  loadError: 'Det gick inte att ladda kommentarerna.',
  retry: 'Försök igen',
  showMore: 'Visa fler kommentarer',
  loadingMore: 'Laddar fler kommentarer…',
  locked: 'Kommentarerna är stängda för den här sidan.',
  edited: 'redigerad',
  awaitingModeration: 'Väntar på granskning',

  formHeading: 'Skriv en ny kommentar',
  nameLabel: 'Namn',
  emailLabel: 'E-post (valfritt)',
  emailHint: 'Visas aldrig offentligt.',
  urlLabel: 'Webbadress (valfritt)',
  textLabel: 'Kommentar',
  rememberMe: 'Kom ihåg mig på den här enheten',
  escapingNotice: 'All HTML visas som vanlig text. Webbadresser blir automatiskt länkar.',
  charactersLeft: { one: '{count} tecken kvar', other: '{count} tecken kvar' },
  submit: 'Skicka',
  submitting: 'Skickar…',
  draftRestored: 'Din kommentar som inte skickades har återställts.',

  required: 'Fyll i det här fältet.',
  tooLong: { one: 'Använd högst {count} tecken.', other: 'Använd högst {count} tecken.' },
  invalidEmail: 'Ange en e-postadress, till exempel namn@example.com.',
  invalidCharacters: 'Ta bort styr- eller riktningstecken.',
  invalidUrl: 'Ange en webbadress som börjar med http:// eller https://.',
  postError: 'Det gick inte att skicka kommentaren: {message}',
  postErrorNetwork:
    'Det gick inte att skicka kommentaren eftersom servern inte gick att nå. Den finns kvar här, så försök igen.',
  rateLimited: {
    one: 'Du skickar för snabbt. Försök igen om {count} sekund.',
    other: 'Du skickar för snabbt. Försök igen om {count} sekunder.',
  },

  posted: 'Din kommentar har publicerats.',
  postedPending: 'Din kommentar har tagits emot och visas när en moderator har godkänt den.',
  loaded: { one: '{count} kommentar har laddats.', other: '{count} kommentarer har laddats.' },
};
