/**
 * natter's reference server (`natter/server`): `createApp` for any host of web-standard handlers,
 * `createServer` for Node, and the storage they use.
 */
export { createApp, type AppOptions } from './app.js';
export { createServer, type RunningServer, type ServerOptions } from './node-server.js';
export { openStore } from './storage/open-store.js';
export type { CommentStore, StoredComment, StoredThread } from './storage/store.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export type { ModerationMode } from './moderation.js';
