/**
 * How the notifications due for one address become messages within its hourly limit. A confirmation is a message
 * of its own. Replies are one message each while the limit allows; past it, the replies to one comment are gathered
 * into one message (the last the hour allows), and what no message of this hour can carry waits until a slot
 * frees, when everything that waited comes together, one message per comment. In digest mode the replies to one
 * comment are always one message.
 */

/** A notification due: a confirmation, or a reply to the comment of `subscription`. */
export interface DueNotice {
  kind: 'confirm' | 'reply';
  subscription: string;
  /** When what it tells of happened (ISO 8601): messages go oldest first. */
  at: string;
}

/** The messages to send now, each holding one or more notices, and the notices that wait. */
export interface MessagePlan<T extends DueNotice> {
  messages: T[][];
  waiting: T[];
}

/**
 * Plans the messages of `due` (one address's notices) when `room` more messages fit in its hour: never more than
 * `room` messages, and every notice in one of them or waiting.
 */
export function planMessages<T extends DueNotice>(
  due: readonly T[],
  room: number,
  isDigest: boolean,
): MessagePlan<T> {
  const byTime = [...due].sort((a, b) => a.at.localeCompare(b.at));
  const confirmations = byTime.filter((notice) => notice.kind === 'confirm').map((notice) => [notice]);
  const bySubscription = new Map<string, T[]>();
  for (const notice of byTime) {
    if (notice.kind !== 'reply') continue;
    const replies = bySubscription.get(notice.subscription);
    if (replies) replies.push(notice);
    else bySubscription.set(notice.subscription, [notice]);
  }
  const gathered = [...bySubscription.values()];
  // Each comment's replies start as one message; while room is left, their oldest go out as messages of their own.
  const replyMessages: T[][] = [];
  let spare = isDigest ? 0 : room - confirmations.length - gathered.length;
  for (const replies of gathered) {
    while (spare > 0 && replies.length > 1) {
      replyMessages.push(replies.splice(0, 1));
      spare -= 1;
    }
    replyMessages.push(replies);
  }
  const messages = [...confirmations, ...replyMessages];
  const fits = Math.max(0, room);
  return { messages: messages.slice(0, fits), waiting: messages.slice(fits).flat() };
}
