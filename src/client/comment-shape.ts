import type {
  EditCommentResponse,
  FormTokenResponse,
  GetCommentResponse,
  LikeResponse,
  PostCommentResponse,
} from '../protocol/types.js';
import { isComment, isRecord, isString } from './shape.js';

// Sanity checks of the answers about one comment and of the form token, as shape.ts checks the thread's: in a
// module of their own, so that only the calls that need them (loaded once a reader acts) carry them.

/** Whether an optional member is absent or a non-empty string. */
const isOptionalToken = (value: unknown): value is string | undefined =>
  value === undefined || (isString(value) && value !== '');

/** Whether `value` has the shape of a `POST /api/v1/comments` answer. */
export function isPostCommentResponse(value: unknown): value is PostCommentResponse {
  return (
    isRecord(value) &&
    isComment(value.comment) &&
    isString(value.secret) &&
    value.secret !== '' &&
    isString(value.editableUntil) &&
    isOptionalToken(value.trust)
  );
}

/** Whether `value` has the shape of a `PATCH /api/v1/comments/{id}` answer: `{ comment }`. */
export function isEditCommentResponse(value: unknown): value is EditCommentResponse {
  return isRecord(value) && isComment(value.comment);
}

/** Whether `value` has the shape of a `GET /api/v1/comments/{id}` answer: `{ comment, trust? }`. */
export function isGetCommentResponse(value: unknown): value is GetCommentResponse {
  return isRecord(value) && isComment(value.comment) && isOptionalToken(value.trust);
}

/** A duration in milliseconds that a server may leave out: finite and not negative. */
const isOptionalDuration = (value: unknown): value is number | undefined =>
  value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0);

/** Whether `value` has the shape of a `GET /api/v1/form-token` answer: `{ formToken, minimumAgeMs? }`. */
export function isFormTokenResponse(value: unknown): value is FormTokenResponse {
  return (
    isRecord(value) &&
    isString(value.formToken) &&
    value.formToken !== '' &&
    isOptionalDuration(value.minimumAgeMs)
  );
}

/** Whether `value` has the shape of a `POST` or `DELETE /api/v1/comments/{id}/likes` answer: `{ likes }`. */
export function isLikeResponse(value: unknown): value is LikeResponse {
  return isRecord(value) && Number.isInteger(value.likes) && (value.likes as number) >= 0;
}
