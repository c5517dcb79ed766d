import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CommentStore, NewStoredComment } from '../../../src/server/storage/store.js';
import type { NewSubscription } from '../../../src/server/storage/subscriptions.js';
import type { TestStore } from './backends.js';

const start = Date.UTC(2026, 2, 1, 10);

/** A timestamp `seconds` after the fixtures' start. */
function at(seconds: number): string {
  return new Date(start + seconds * 1000).toISOString();
}

const newId = () => randomBytes(12).toString('base64url');

function aComment(fields: Partial<NewStoredComment> = {}): NewStoredComment {
  return {
    id: newId(),
    thread: '/post',
    parent: null,
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorUrl: null,
    text: 'Lovely post.',
    status: 'published',
    createdAt: at(0),
    secretHash: 'x'.repeat(43),
    editableUntil: at(900),
    ...fields,
  };
}

function aSubscription(commentId: string, fields: Partial<NewSubscription> = {}): NewSubscription {
  return {
    id: `s_${newId()}`,
    commentId,
    addressHash: 'hash-of-ada',
    sealedAddress: 'sealed-ada',
    createdAt: at(1),
    ...fields,
  };
}

const aDelivery = (id: string, channel: 'email' | 'reply', dueAt = at(0)) => ({
  id,
  channel,
  payload: '{}',
  nextAttemptAt: dueAt,
  createdAt: at(0),
});

/** The behaviour of every backend's reply subscriptions and the queue's additions for them. */
export function runSubscriptionStoreTests(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`${name}: reply subscriptions`, () => {
    let store: CommentStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(() => cleanup());

    it('keeps one subscription per comment, unconfirmed until confirmed once', async () => {
      const comment = aComment();
      await store.insertComment(comment);
      const first = await store.subscriptions.add(aSubscription(comment.id));
      assert.equal(first?.confirmedAt, null);
      const again = await store.subscriptions.add(aSubscription(comment.id, { sealedAddress: 'other' }));
      assert.deepEqual(again, first);
      assert.deepEqual(await store.subscriptions.ofComment(comment.id), first);

      const confirmed = await store.subscriptions.confirm(first!.id, at(60));
      assert.equal(confirmed?.confirmedAt, at(60));
      assert.equal((await store.subscriptions.confirm(first!.id, at(120)))?.confirmedAt, at(60));
      assert.equal(await store.subscriptions.confirm('s_unknown', at(60)), undefined);
    });

    it('subscribes nothing to a comment that does not exist', async () => {
      assert.equal(await store.subscriptions.add(aSubscription('nosuchcomment000')), undefined);
    });

    it('removes a subscription once, and with its comment when the author deletes it', async () => {
      const [kept, deleted] = [aComment(), aComment()];
      await store.insertComment(kept);
      await store.insertComment(deleted);
      const subscription = await store.subscriptions.add(aSubscription(kept.id));
      const other = await store.subscriptions.add(aSubscription(deleted.id));
      assert.equal(await store.subscriptions.remove(subscription!.id), true);
      assert.equal(await store.subscriptions.remove(subscription!.id), false);
      assert.equal(await store.subscriptions.get(subscription!.id), undefined);

      assert.equal(await store.deleteComment(deleted.id), 'deleted');
      assert.equal(await store.subscriptions.get(other!.id), undefined);
    });

    it('purges old unconfirmed subscriptions, those of placeholders, and stale slots', async () => {
      const [old, fresh, confirmed, placeholder] = [
        aComment(),
        aComment({ createdAt: at(500) }),
        aComment(),
        aComment(),
      ];
      // Held for a moderator since long: its confirmation has not gone out yet.
      const held = aComment({ status: 'pending' });
      // Approved lately: its confirmation went out then.
      const approved = aComment({ status: 'pending' });
      for (const comment of [old, fresh, confirmed, placeholder, held, approved]) {
        await store.insertComment(comment);
      }
      const heldOne = await store.subscriptions.add(aSubscription(held.id, { createdAt: at(0) }));
      const approvedOne = await store.subscriptions.add(aSubscription(approved.id, { createdAt: at(0) }));
      await store.setStatus(approved.id, { status: 'published', reason: null, at: at(500) });
      // A published reply keeps its parent as a placeholder when the parent's author deletes it.
      await store.insertComment(aComment({ parent: placeholder.id }));
      const oldOne = await store.subscriptions.add(aSubscription(old.id, { createdAt: at(0) }));
      const freshOne = await store.subscriptions.add(aSubscription(fresh.id, { createdAt: at(500) }));
      const confirmedOne = await store.subscriptions.add(aSubscription(confirmed.id, { createdAt: at(0) }));
      await store.subscriptions.confirm(confirmedOne!.id, at(10));
      const placeholderOne = await store.subscriptions.add(
        aSubscription(placeholder.id, { createdAt: at(500) }),
      );
      await store.subscriptions.confirm(placeholderOne!.id, at(510));
      assert.equal(await store.deleteComment(placeholder.id), 'placeholder');
      assert.equal(await store.subscriptions.takeSlot('stale', 1, at(0), at(100)), true);
      assert.equal(await store.subscriptions.takeSlot('recent', 1, at(0), at(400)), true);

      assert.equal(await store.subscriptions.purge(at(300), at(300)), 2);
      assert.equal(await store.subscriptions.get(oldOne!.id), undefined);
      assert.equal(await store.subscriptions.get(placeholderOne!.id), undefined);
      assert.ok(await store.subscriptions.get(freshOne!.id));
      assert.ok(await store.subscriptions.get(confirmedOne!.id));
      assert.ok(await store.subscriptions.get(heldOne!.id));
      assert.ok(await store.subscriptions.get(approvedOne!.id));
      // The stale address's slot is gone (and free again); the recent one's is still in use.
      assert.deepEqual(await store.subscriptions.busySlots('stale', 1, at(0)), []);
      assert.deepEqual(await store.subscriptions.busySlots('recent', 1, at(0)), [at(400)]);
    });

    it('hands out an address’s slots until all are in use, and frees each an hour after its use', async () => {
      const hour = 3600;
      for (let second = 0; second < 3; second++) {
        assert.equal(await store.subscriptions.takeSlot('addr', 3, at(second - hour), at(second)), true);
      }
      assert.equal(await store.subscriptions.takeSlot('addr', 3, at(10 - hour), at(10)), false);
      assert.deepEqual(await store.subscriptions.busySlots('addr', 3, at(10 - hour)), [at(0), at(1), at(2)]);
      // Another address has slots of its own.
      assert.equal(await store.subscriptions.takeSlot('other', 3, at(10 - hour), at(10)), true);
      // The first slot frees an hour after its use, the others not yet.
      assert.equal(await store.subscriptions.takeSlot('addr', 3, at(1), at(hour + 1)), true);
      assert.equal(await store.subscriptions.takeSlot('addr', 3, at(1), at(hour + 1)), false);
      // A raised limit adds slots; a lowered one counts only the first.
      assert.equal(await store.subscriptions.takeSlot('addr', 4, at(1), at(hour + 1)), true);
      assert.deepEqual(await store.subscriptions.busySlots('addr', 1, at(2)), [at(hour + 1)]);
    });

    it('never hands out more slots than the limit to takers at once', async () => {
      const taken = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          store.subscriptions.takeSlot('busy', 6, at(-3600), at(index)),
        ),
      );
      assert.ok(taken.filter(Boolean).length <= 6, `${taken.filter(Boolean).length} slots taken`);
      assert.equal(await store.subscriptions.takeSlot('busy', 6, at(-3600), at(30)), false);
    });

    it('queues a delivery once per id, claims by channel, and postpones without counting an attempt', async () => {
      assert.equal(await store.deliveries.enqueueOnce(aDelivery('r_one', 'reply')), true);
      assert.equal(await store.deliveries.enqueueOnce(aDelivery('r_one', 'reply', at(5))), false);
      await store.deliveries.enqueue(aDelivery('n_owner', 'email'));

      const replies = await store.deliveries.claim(at(1), at(300), 10, ['reply']);
      assert.deepEqual(
        replies.map((delivery) => delivery.id),
        ['r_one'],
      );
      await store.deliveries.postpone('r_one', at(3600));
      const [owner] = await store.deliveries.claim(at(1), at(300), 10);
      assert.equal(owner?.id, 'n_owner');
      assert.deepEqual(await store.deliveries.claim(at(3599), at(4000), 10, ['reply']), []);
      const [due] = await store.deliveries.claim(at(3600), at(4000), 10, ['reply']);
      assert.equal(due?.attempts, 0);
      // Delivered, it is still known: the same id is not queued again.
      await store.deliveries.markDelivered('r_one', at(3601));
      assert.equal(await store.deliveries.enqueueOnce(aDelivery('r_one', 'reply')), false);
    });
  });
}
