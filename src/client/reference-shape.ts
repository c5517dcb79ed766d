import type {
  ListReferencesResponse,
  MentionStatusResponse,
  Reference,
  ReferenceKind,
} from '../protocol/types.js';
import { isRecord, isString, isStringOrNull } from './shape.js';

// Sanity checks of the answers about references and Webmentions, as shape.ts checks the thread's: in a module of
// their own, so that only the calls that need them (loaded once a thread has references) carry them.

const referenceKinds = new Set<unknown>([
  'reply',
  'like',
  'repost',
  'bookmark',
  'mention',
] satisfies ReferenceKind[]);
const mentionStates = new Set<unknown>(['queued', 'verified', 'refused', 'removed']);

/** Whether `value` has the shape of a {@link Reference}. */
export function isReference(value: unknown): value is Reference {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.thread) &&
    referenceKinds.has(value.kind) &&
    isString(value.url) &&
    isStringOrNull(value.title) &&
    isRecord(value.author) &&
    isStringOrNull(value.author.name) &&
    isStringOrNull(value.author.url) &&
    isStringOrNull(value.author.photo) &&
    isStringOrNull(value.excerpt) &&
    isString(value.publishedAt) &&
    isString(value.via)
  );
}

/** Whether `value` has the shape of a `GET /api/v1/references` answer. */
export function isListReferencesResponse(value: unknown): value is ListReferencesResponse {
  return (
    isRecord(value) &&
    isString(value.thread) &&
    Array.isArray(value.references) &&
    value.references.every(isReference)
  );
}

/**
 * Whether `value` has the shape of a Webmention's status. A reason natter does not know yet is let through: a
 * client says something general for it.
 */
export function isMentionStatusResponse(value: unknown): value is MentionStatusResponse {
  return (
    isRecord(value) &&
    mentionStates.has(value.state) &&
    isString(value.source) &&
    isString(value.target) &&
    (value.reason === undefined || isString(value.reason)) &&
    (value.status === undefined || value.status === 'published' || value.status === 'pending') &&
    (value.reference === undefined || isReference(value.reference)) &&
    isString(value.updatedAt)
  );
}
