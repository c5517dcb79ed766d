import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planMessages, type DueNotice } from '../../../src/server/reply-notifications/reply-plan.js';

/** A reply to subscription `subscription`, at minute `minute`. */
const reply = (subscription: string, minute: number): DueNotice => ({
  kind: 'reply',
  subscription,
  at: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
});
const confirm = (subscription: string, minute: number): DueNotice => ({
  ...reply(subscription, minute),
  kind: 'confirm',
});

/** A plan as sizes: `[[1, 1, 3], 2]` is three messages of one, one and three notices, and two waiting. */
const shape = (plan: ReturnType<typeof planMessages>) => [
  plan.messages.map((group) => group.length),
  plan.waiting.length,
];

describe('planMessages', () => {
  it('sends one message per reply while the hour has room', () => {
    assert.deepEqual(shape(planMessages([reply('a', 1), reply('a', 2)], 6, false)), [[1, 1], 0]);
  });

  it('gathers a comment’s replies into the last message the hour allows', () => {
    const due = Array.from({ length: 8 }, (_, minute) => reply('a', minute));
    const plan = planMessages(due, 3, false);
    assert.deepEqual(shape(plan), [[1, 1, 6], 0]);
    assert.deepEqual(plan.messages[0], [due[0]], 'oldest first');
  });

  it('keeps each comment’s replies apart, and lets what no message can carry wait', () => {
    const due = [reply('a', 1), reply('b', 2), reply('c', 3), reply('a', 4)];
    const plan = planMessages(due, 2, false);
    assert.deepEqual(shape(plan), [[2, 1], 1]);
    assert.ok(plan.messages.every((group) => new Set(group.map((notice) => notice.subscription)).size === 1));
    assert.deepEqual(plan.waiting, [due[2]]);
  });

  it('puts confirmations first, each on its own, and sends nothing without room', () => {
    const due = [reply('a', 1), confirm('b', 5), confirm('c', 2)];
    assert.deepEqual(
      planMessages(due, 2, false).messages.map((group) => group.map((notice) => notice.subscription)),
      [['c'], ['b']],
    );
    assert.deepEqual(shape(planMessages(due, 0, false)), [[], 3]);
  });

  it('in digest mode sends a comment’s replies as one message, room or not', () => {
    const due = [reply('a', 1), reply('a', 2), reply('b', 3)];
    assert.deepEqual(shape(planMessages(due, 6, true)), [[2, 1], 0]);
    assert.deepEqual(shape(planMessages(due, 1, true)), [[2], 1]);
  });
});
