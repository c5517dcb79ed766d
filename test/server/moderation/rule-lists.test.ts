import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewComment } from '../../../src/protocol/types.js';
import { allowList, blockList, ruleLists, ruleProblem } from '../../../src/server/moderation/rule-lists.js';
import type { Submission, Verdict } from '../../../src/server/moderation/verdict.js';
import type { Rule, RuleAction, RuleKind, RuleStore } from '../../../src/server/storage/rules.js';

/** A rule store holding `rules`, counting how often it is read. */
function rulesOf(rules: Rule[]): RuleStore & { reads: number } {
  return {
    reads: 0,
    async list() {
      this.reads += 1;
      return rules;
    },
    async add(rule) {
      rules.push(rule);
    },
    async remove() {
      return false;
    },
  };
}

let ruleCount = 0;
function rule(kind: RuleKind, pattern: string, action: RuleAction = 'spam'): Rule {
  ruleCount += 1;
  return { id: `r${ruleCount}`, kind, pattern, action, note: null, createdAt: '2025-06-01T10:00:00.000Z' };
}

/** A new comment as the layers see it. */
function submission(comment: Partial<NewComment> = {}, clientAddress?: string): Submission {
  return {
    comment: { thread: '/t', name: 'Ada', text: 'Hello.', ...comment },
    thread: { key: '/t', listedCount: 0, isLocked: false, moderation: null, referenceCount: 0 },
    mode: 'open',
    id: 'c1',
    createdAt: '2025-06-01T10:00:00.000Z',
    now: 0,
    ...(clientAddress && { clientAddress }),
  };
}

/** What the block-list says of `comment` under one rule of `kind`. */
async function blocked(
  kind: RuleKind,
  pattern: string,
  comment: Partial<NewComment>,
  clientAddress?: string,
): Promise<Verdict | undefined> {
  return blockList(ruleLists(rulesOf([rule(kind, pattern)])))(submission(comment, clientAddress));
}

describe('the block-list', () => {
  it('matches words and phrases case-insensitively on word boundaries, in the text and the name', async () => {
    const cases: [pattern: string, comment: Partial<NewComment>, matches: boolean][] = [
      ['casino', { text: 'Best CASINO in town' }, true],
      ['casino', { text: 'casino.' }, true],
      ['casino', { text: 'casinos galore' }, false],
      ['casino', { text: 'megacasino' }, false],
      ['casino', { name: 'Casino Bob' }, true],
      ['cheap pills', { text: 'Buy cheap\n  pills now' }, true],
      ['cheap pills', { text: 'cheap, pills' }, false],
      ['größe', { text: 'In GRÖSSE or Größe?' }, true],
      ['größe', { text: 'Übergröße' }, false],
      ['c++', { text: 'I write C++ daily' }, true],
      ['a.b', { text: 'axb' }, false],
      ['$$$', { text: 'make $$$ fast' }, true],
    ];
    for (const [pattern, comment, matches] of cases) {
      const verdict = await blocked('word', pattern, comment);
      assert.equal(verdict !== undefined, matches, `${pattern} in ${JSON.stringify(comment)}`);
    }
  });

  it('matches a domain and its subdomains in links of the text and the author’s URL', async () => {
    const cases: [pattern: string, comment: Partial<NewComment>, matches: boolean][] = [
      ['example.biz', { text: 'see https://example.biz/offer' }, true],
      ['example.biz', { text: 'see shop.EXAMPLE.biz' }, true],
      ['example.biz', { text: 'mail me: sales@example.biz' }, true],
      ['example.biz', { url: 'https://www.example.biz/' }, true],
      ['example.biz', { text: 'see notexample.biz' }, false],
      ['example.biz', { text: 'the word example.biz.fake.com' }, false],
      ['*.example.biz', { text: 'https://example.biz' }, true],
      ['https://example.biz/', { text: 'https://a.example.biz' }, true],
      ['bücher.de', { text: 'https://xn--bcher-kva.de/x' }, true],
      ['xn--bcher-kva.de', { text: 'https://bücher.de/x' }, true],
      ['example.biz', { text: 'example dot biz' }, false],
    ];
    for (const [pattern, comment, matches] of cases) {
      const verdict = await blocked('domain', pattern, comment);
      assert.equal(verdict !== undefined, matches, `${pattern} in ${JSON.stringify(comment)}`);
    }
  });

  it('matches an e-mail address exactly, without regard to case, and a name whole', async () => {
    assert.ok(await blocked('email', 'Spam@Example.com', { email: 'spam@example.COM' }));
    assert.equal(await blocked('email', 'spam@example.com', { email: 'nospam@example.com' }), undefined);
    assert.equal(await blocked('email', 'spam@example.com', { text: 'spam@example.com' }), undefined);
    assert.ok(await blocked('name', ' Spam Bot ', { name: 'spam bot' }));
    assert.equal(await blocked('name', 'Bot', { name: 'Spam Bot' }), undefined);
  });

  it('matches addresses and CIDR ranges of either family against the client’s address', async () => {
    const cases: [pattern: string, address: string | undefined, matches: boolean][] = [
      ['203.0.113.7', '203.0.113.7', true],
      ['203.0.113.7', '::ffff:203.0.113.7', true],
      ['203.0.113.7', '203.0.113.8', false],
      ['203.0.113.0/24', '203.0.113.200', true],
      ['203.0.113.0/24', '203.0.114.1', false],
      ['203.0.113.0/24', '::ffff:203.0.113.9', true],
      ['::ffff:203.0.113.0/120', '203.0.113.9', true],
      ['2001:db8::/32', '2001:db8:1:2::3', true],
      ['2001:db8::/32', '2001:db9::1', false],
      ['2001:db8::/32', '203.0.113.1', false],
      ['2001:db8::1', '2001:0db8:0:0::1', true],
      ['203.0.113.0/24', undefined, false],
    ];
    for (const [pattern, address, matches] of cases) {
      const verdict = await blocked('ip', pattern, {}, address);
      assert.equal(verdict !== undefined, matches, `${pattern} against ${address}`);
    }
  });

  it('sends to spam or holds as the rule says, spam winning when both match', async () => {
    const lists = ruleLists(
      rulesOf([
        rule('word', 'maybe', 'pending'),
        rule('word', 'casino', 'spam'),
        rule('word', 'odd', 'pending'),
      ]),
    );
    assert.deepEqual(await blockList(lists)(submission({ text: 'maybe odd' })), {
      status: 'pending',
      reason: 'held: block-list maybe',
    });
    assert.deepEqual(await blockList(lists)(submission({ text: 'maybe a casino' })), {
      status: 'spam',
      reason: 'spam: block-list casino',
    });
  });

  it('ignores allow-list rules and rules that cannot match, and never throws on them', async () => {
    const lists = ruleLists(
      rulesOf([
        rule('ip', 'not-an-address'),
        rule('ip', '10.0.0.0/99'),
        rule('domain', 'has space.com'),
        rule('email', 'nobody'),
        rule('word', '   '),
        rule('name', 'Ada', 'publish'),
      ]),
    );
    assert.equal(await blockList(lists)(submission({ text: 'nobody has space.com' }, '10.0.0.1')), undefined);
  });
});

describe('the allow-list', () => {
  it('publishes an author it names by e-mail address, name or address, saying why', async () => {
    const lists = ruleLists(
      rulesOf([
        rule('email', 'Grace@Example.com', 'publish'),
        rule('name', 'Ada Lovelace', 'publish'),
        rule('ip', '198.51.100.0/24', 'publish'),
        rule('word', 'casino', 'publish'),
      ]),
    );
    const allow = allowList(lists);
    assert.deepEqual(await allow(submission({ email: 'grace@example.com' })), {
      status: 'published',
      reason: 'published: allow-list Grace@Example.com',
    });
    assert.equal((await allow(submission({ name: 'ada lovelace' })))?.status, 'published');
    assert.equal((await allow(submission({}, '198.51.100.77')))?.status, 'published');
    // A word anyone may write names nobody: such a rule is not on the allow-list.
    assert.equal(await allow(submission({ text: 'casino' })), undefined);
    assert.equal(await allow(submission({ name: 'Ada' }, '198.51.101.1')), undefined);
  });
});

describe('ruleLists', () => {
  it('reads the rules at most once every two seconds', async () => {
    const store = rulesOf([rule('word', 'casino')]);
    const lists = ruleLists(store);
    await lists.current(0);
    await lists.current(1_999);
    assert.equal(store.reads, 1);
    await store.add(rule('word', 'poker'));
    assert.equal((await lists.current(1_999)).length, 1);
    assert.equal((await lists.current(2_000)).length, 2);
    assert.equal(store.reads, 2);
  });
});

describe('ruleProblem', () => {
  it('says what is wrong with a rule that cannot match, in the owner’s words', () => {
    assert.equal(ruleProblem({ kind: 'ip', pattern: '203.0.113.0/24', action: 'spam' }), undefined);
    assert.equal(ruleProblem({ kind: 'domain', pattern: 'example.biz', action: 'pending' }), undefined);
    assert.match(ruleProblem({ kind: 'ip', pattern: '203.0.113.0/33', action: 'spam' }) ?? '', /IP address/);
    assert.match(ruleProblem({ kind: 'email', pattern: 'nobody', action: 'spam' }) ?? '', /e-mail/);
    assert.match(ruleProblem({ kind: 'word', pattern: 'x', action: 'publish' }) ?? '', /allow-list/);
  });
});
