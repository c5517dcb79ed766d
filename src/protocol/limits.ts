/**
 * Limits of protocol v1, stated once (docs/protocol.md quotes them) and enforced by the widget and the
 * server alike. Lengths count UTF-16 code units, as `String.prototype.length` and HTML `maxlength` do.
 */
export const limits = {
  /** Longest author name. */
  nameLength: 80,
  /** Longest comment text. */
  textLength: 8000,
  /** Longest author URL. */
  urlLength: 500,
  /** Longest author e-mail address (RFC 5321's path limit). */
  emailLength: 254,
  /** Longest thread key. */
  threadLength: 500,
  /** Largest page of comments a client may ask for. */
  maxPageSize: 100,
  /** Page size when the client names none. */
  defaultPageSize: 50,
  /** Largest number of threads in one counts call. */
  maxCountThreads: 50,
  /** Largest request body the server reads, in bytes. */
  maxBodyBytes: 32 * 1024,
  /** Longest request URL every server accepts, in octets; clients split counts requests to stay within it. */
  requestUrlLength: 8000,
  /**
   * How old a form token must be when its post arrives, unless the server says otherwise (`minimumAgeMs`): the
   * server's default, and what a client assumes of a server that does not say.
   */
  formTokenMinimumAgeMs: 3000,
} as const;
