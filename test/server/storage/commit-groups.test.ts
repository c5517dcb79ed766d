import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CommitGroups, type Settled } from '../../../src/server/storage/commit-groups.js';

/** A promise and the function that resolves it. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

/**
 * A commit that records each group it is given and holds it until the test lets it go (`release()`), then settles
 * each write with its value doubled, or refuses the odd ones when told to.
 */
function heldCommits({ refuseOdd = false } = {}) {
  const groups: number[][] = [];
  let gate = deferred();
  const commit = async (writes: readonly number[]): Promise<Settled<number>[]> => {
    groups.push([...writes]);
    await gate.promise;
    return writes.map((write) =>
      refuseOdd && write % 2 === 1 ? { error: new Error(`refused ${write}`) } : { value: write * 2 },
    );
  };
  return {
    groups,
    commit,
    release() {
      gate.resolve();
      gate = deferred();
    },
  };
}

/** Which of `promises` have settled so far. */
async function settledSoFar(promises: readonly Promise<unknown>[]): Promise<boolean[]> {
  const states = promises.map(() => false);
  promises.forEach((promise, index) =>
    promise.then(
      () => (states[index] = true),
      () => (states[index] = true),
    ),
  );
  await nextTurn();
  return states;
}

describe('group commit', () => {
  it('commits the writes of one turn together, and answers none before the commit returns', async () => {
    const commits = heldCommits();
    const groups = new CommitGroups(commits.commit, { nextTurn: setImmediate });
    const writes = [1, 2, 3].map((write) => groups.add(write));
    assert.deepEqual(await settledSoFar(writes), [false, false, false]);
    assert.deepEqual(commits.groups, [[1, 2, 3]]);
    commits.release();
    assert.deepEqual(await Promise.all(writes), [2, 4, 6]);
  });

  it('gathers the writes that arrive while a commit is under way into the next group', async () => {
    const commits = heldCommits();
    const groups = new CommitGroups(commits.commit, { nextTurn: setImmediate });
    const first = groups.add(1);
    await nextTurn();
    const later = [2, 3, 4].map((write) => groups.add(write));
    await nextTurn();
    assert.deepEqual(commits.groups, [[1]], 'the next group waits for the commit under way');
    commits.release();
    assert.equal(await first, 2);
    await nextTurn();
    assert.deepEqual(commits.groups, [[1], [2, 3, 4]]);
    assert.deepEqual(await settledSoFar(later), [false, false, false]);
    commits.release();
    assert.deepEqual(await Promise.all(later), [4, 6, 8]);
  });

  it('bounds a group, and commits the rest in the groups after it', async () => {
    const commits = heldCommits();
    const groups = new CommitGroups(commits.commit, { nextTurn: setImmediate, maxSize: 4 });
    const writes = Array.from({ length: 10 }, (_, write) => groups.add(write));
    for (let commit = 0; commit < 3; commit++) {
      await nextTurn();
      commits.release();
    }
    assert.deepEqual(await Promise.all(writes), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    assert.deepEqual(
      commits.groups.map((group) => group.length),
      [4, 4, 2],
    );
  });

  it('settles each write of a group apart: a refused one fails alone', async () => {
    const commits = heldCommits({ refuseOdd: true });
    const groups = new CommitGroups(commits.commit, { nextTurn: setImmediate });
    const writes = [1, 2, 3, 4].map((write) => groups.add(write));
    await nextTurn();
    commits.release();
    const outcomes = await Promise.allSettled(writes);
    assert.deepEqual(
      outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason))),
      ['Error: refused 1', 4, 'Error: refused 3', 8],
    );
  });

  it('fails every write of a group whose commit fails, and goes on with the next group', async () => {
    let calls = 0;
    const groups = new CommitGroups<number, number>(
      async (writes) => {
        calls += 1;
        if (calls === 1) throw new Error('disk I/O error');
        return writes.map((write) => ({ value: write }));
      },
      { nextTurn: setImmediate },
    );
    const failed = [1, 2, 3].map((write) => groups.add(write));
    const outcomes = await Promise.allSettled(failed);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.equal(await groups.add(4), 4);
  });
});
