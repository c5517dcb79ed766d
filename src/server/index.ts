/**
 * natter's reference server (`natter/server`): `createApp` for any host of web-standard handlers,
 * `createServer` for Node, and the storage they use.
 */
export { createApp, type AppOptions } from './app.js';
export { createServer, type RunningServer, type ServerOptions } from './node/node-server.js';
export { openStore } from './storage/open-store.js';
export type {
  CommentStore,
  DeleteOutcome,
  InsertOutcome,
  StoredComment,
  StoredThread,
} from './storage/store.js';
export { StoreUnavailableError } from './storage/errors.js';
export type { StaticAsset, StaticAssets } from './routes/static-files.js';
export type { Compression, ContentCoding, EncodedBodies, TaggedBody } from './compression.js';
export { loadStaticAssets } from './node/static-assets.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export type { ModerationMode } from './storage/store.js';
export type { ModerationLayer, Submission, Verdict } from './moderation/verdict.js';
export type { AkismetOptions } from './moderation/akismet.js';
export type { FormTokenOptions } from './moderation/form-token.js';
export type { HookRequest, ModerationHookOptions } from './moderation/hook.js';
export { CommentEvents, type CommentEvent, type CommentEventType, type CommentListener } from './events.js';
export {
  createNotifier,
  type DeliveryReport,
  type Notifier,
  type NotifierOptions,
} from './notifications/notifier.js';
export type { EmailSender, EmailSettings, OutgoingEmail } from './notifications/email.js';
export type { WebhookBody, WebhookSettings } from './notifications/webhook.js';
export {
  createReplyNotifier,
  type ReplyNotifier,
  type ReplyNotifierOptions,
} from './reply-notifications/reply-notifier.js';
export { createSmtpSender, type SmtpSettings } from './node/smtp-sender.js';
