import type { PlainKey } from '../../i18n/localizer.js';
import type { ReferenceMessages } from '../../i18n/messages.en.js';
import type { MentionReason, MentionStatusResponse } from '../../protocol/types.js';

/** When the status of a sent response is first read, in milliseconds: the server verifies it in the background. */
export const firstLook = 1000;
/** The longest wait between two reads of the status: the waits double up to it. */
const longestWait = 15_000;
/** How long the status is read at all, from sending on: then the reader is told it is still being checked. */
export const lookFor = 5 * 60_000;

/** The next wait after `wait`: twice as long, up to {@link longestWait}. */
export const nextWait = (wait: number): number => Math.min(wait * 2, longestWait);

const reasonMessages: Record<MentionReason, PlainKey<ReferenceMessages>> = {
  no_link: 'mentionNoLink',
  source_gone: 'mentionSourceGone',
  source_unreachable: 'mentionSourceUnreachable',
  source_error: 'mentionSourceError',
  not_text: 'mentionNotText',
  too_large: 'mentionTooLarge',
  too_many_redirects: 'mentionTooManyRedirects',
  forbidden_address: 'mentionForbiddenAddress',
  too_many_references: 'mentionTooManyReferences',
  deleted: 'mentionDeleted',
};

/** What a status tells the reader, and whether it is the last word. */
export interface MentionOutcome {
  message: PlainKey<ReferenceMessages>;
  /** `queued` is not: the server has yet to verify the response. */
  isFinal: boolean;
  /** Verified and published: the response is listed on the page now. */
  isPublished: boolean;
  /** Refused or removed: the reader may fix their page and send it again. */
  isRefused: boolean;
}

/** What `status` tells the reader: a reason natter does not know (from a newer server) reads as a general refusal. */
export function mentionOutcome({ state, status, reason }: MentionStatusResponse): MentionOutcome {
  if (state === 'queued')
    return { message: 'mentionQueued', isFinal: false, isPublished: false, isRefused: false };
  if (state === 'verified') {
    const isPublished = status !== 'pending';
    return {
      message: isPublished ? 'mentionPublished' : 'mentionPending',
      isFinal: true,
      isPublished,
      isRefused: false,
    };
  }
  const known = reason !== undefined && Object.hasOwn(reasonMessages, reason);
  return {
    message: known ? reasonMessages[reason] : 'mentionRefused',
    isFinal: true,
    isPublished: false,
    isRefused: true,
  };
}
