import nodemailer from 'nodemailer';
import type { EmailSender } from '../notifications/email.js';

/** How the connection to the SMTP server is secured. */
export type SmtpSecurity = 'starttls' | 'tls' | 'none';

/** The SMTP server notifications go through. */
export interface SmtpSettings {
  host: string;
  /** By default 587 for `starttls`, 465 for `tls`, 25 for `none`. */
  port?: number;
  /**
   * `starttls` (the default): a plain connection that must be upgraded to TLS before anything is said; `tls`: TLS
   * from the first byte (port 465); `none`: no TLS at all, for a relay on the same machine.
   */
  security?: SmtpSecurity;
  user?: string;
  password?: string;
  /** PEM certificates to trust besides the system's, for a server whose certificate a private CA signed. */
  ca?: string;
}

/** The usual port of each kind of security. */
export const defaultSmtpPorts: Record<SmtpSecurity, number> = { starttls: 587, tls: 465, none: 25 };

/** An `EmailSender` that hands each message to an SMTP server, through nodemailer. */
export function createSmtpSender(settings: SmtpSettings): EmailSender & { close(): void } {
  const security = settings.security ?? 'starttls';
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port ?? defaultSmtpPorts[security],
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    ...(settings.user !== undefined && { auth: { user: settings.user, pass: settings.password ?? '' } }),
    ...(settings.ca !== undefined && { tls: { ca: settings.ca } }),
    // A silent server must not hold a delivery near its lease (notifications/notifier.ts): 30 s at most.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Its log would hold the conversation, the credentials among it.
    logger: false,
    debug: false,
  });
  return {
    async send(message, signal) {
      signal.throwIfAborted();
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new Error('the server stopped while sending'));
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        await Promise.race([
          transport.sendMail({
            from: message.from,
            to: [...message.to],
            subject: message.subject,
            text: message.text,
            html: message.html,
            ...(message.headers && { headers: { ...message.headers } }),
            // The message is ours, whole: nothing in it may make nodemailer read a file or fetch a URL.
            disableFileAccess: true,
            disableUrlAccess: true,
          }),
          aborted,
        ]);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    close: () => transport.close(),
  };
}
