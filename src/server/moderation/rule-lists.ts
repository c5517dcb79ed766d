import ipaddr from 'ipaddr.js';
import type { Rule, RuleKind, RuleStore } from '../storage/rules.js';
import { linksOf } from './links.js';
import { held, published, spam, type ModerationLayer, type Submission } from './verdict.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** What the rules of a comment are matched against, worked out once per comment. */
interface Subject {
  text: string;
  /** The author's name, e-mail address (when given), lower case. */
  name: string;
  email: string | undefined;
  /** The hosts of the links in the text and of the author's URL, lower case, in punycode. */
  hosts: string[];
  address: Address | undefined;
}

type Matcher = (subject: Subject) => boolean;

/** A rule ready to match: its matcher, made once. */
interface CompiledRule {
  rule: Rule;
  matches: Matcher;
}

/** The kinds an allow-list rule may have: they name an author. Anyone can write a word or link to a domain. */
const authorKinds: ReadonlySet<RuleKind> = new Set(['email', 'name', 'ip']);

/** A domain as hosts are compared: lower case, punycode, without `*.` or a trailing dot; `undefined` if none. */
function domainOf(pattern: string): string | undefined {
  const bare = pattern
    .trim()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
  if (bare === '' || /\s/.test(bare)) return undefined;
  try {
    const host = new URL(bare.includes('://') ? bare : `http://${bare}`).hostname;
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}

/** A word or phrase, case-insensitive, on word boundaries in any script: "cheap pills" is not in "cheapest". */
function wordMatcher(pattern: string): Matcher | undefined {
  const words = pattern.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('\\s+');
  // JavaScript's \b knows only ASCII letters; these look-arounds know every script's.
  const expression = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${escaped}(?![\\p{L}\\p{N}\\p{M}_])`, 'iu');
  return ({ text, name }) => expression.test(text) || expression.test(name);
}

/** An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as its IPv4 address; any other as it is. */
function unmapped(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** Whether `address` lies in `network`/`bits`, both of one kind. */
function isInRange(address: Address, network: Address, bits: number): boolean {
  if (address.kind() !== network.kind()) return false;
  return address.kind() === 'ipv4'
    ? (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits)
    : (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
}

/** An address or CIDR range (IPv4 or IPv6) matched against the client's address. */
function addressMatcher(pattern: string): Matcher | undefined {
  const value = pattern.trim();
  try {
    if (value.includes('/')) {
      const [written, writtenBits] = ipaddr.parseCIDR(value);
      const network = unmapped(written);
      // A range written as IPv4-mapped IPv6 (::ffff:192.0.2.0/120) is the IPv4 range it maps.
      const bits = network === written ? writtenBits : writtenBits - 96;
      if (bits < 0) return undefined;
      return ({ address }) => address !== undefined && isInRange(address, network, bits);
    }
    if (!ipaddr.isValid(value)) return undefined;
    const single = ipaddr.process(value).toNormalizedString();
    return ({ address }) => address?.toNormalizedString() === single;
  } catch {
    return undefined;
  }
}

/** How a rule of each kind matches, or `undefined` for a pattern that cannot match anything. */
function matcherOf({ kind, pattern }: Pick<Rule, 'kind' | 'pattern'>): Matcher | undefined {
  switch (kind) {
    case 'word':
      return wordMatcher(pattern);
    case 'domain': {
      const domain = domainOf(pattern);
      if (domain === undefined) return undefined;
      return ({ hosts }) => hosts.some((host) => host === domain || host.endsWith(`.${domain}`));
    }
    case 'email': {
      const email = pattern.trim().toLowerCase();
      return email.includes('@') ? (subject) => subject.email === email : undefined;
    }
    case 'name': {
      const name = pattern.trim().toLowerCase();
      return name === '' ? undefined : (subject) => subject.name === name;
    }
    case 'ip':
      return addressMatcher(pattern);
    default:
      return undefined;
  }
}

/**
 * What is wrong with a rule, in words for the site owner ("not an IP address or CIDR range"), or `undefined` when
 * it can match. The admin API checks rules with it before storing them; a stored rule that cannot match is
 * ignored, never an error for a reader posting.
 */
export function ruleProblem(rule: Pick<Rule, 'kind' | 'pattern' | 'action'>): string | undefined {
  if (rule.action === 'publish' && !authorKinds.has(rule.kind)) {
    return 'the allow-list names authors: by e-mail address, name or IP address';
  }
  if (matcherOf(rule)) return undefined;
  const expected: Record<RuleKind, string> = {
    word: 'a word or phrase',
    domain: 'a domain, such as example.com',
    email: 'an e-mail address',
    name: 'a name',
    ip: 'an IP address or CIDR range, such as 203.0.113.0/24 or 2001:db8::/32',
  };
  return `not ${expected[rule.kind] ?? 'a known kind of rule'}`;
}

/** The host of an http(s) or mailto link, as domains are compared. */
function hostOf(url: URL): string | undefined {
  if (url.protocol !== 'mailto:') return url.hostname;
  const at = url.pathname.lastIndexOf('@');
  return at === -1 ? undefined : domainOf(decodeURIComponent(url.pathname.slice(at + 1)));
}

const subjects = new WeakMap<Submission, Subject>();

/** What the rules see of a submission, worked out on first use. */
function subjectOf(submission: Submission): Subject {
  let subject = subjects.get(submission);
  if (subject) return subject;
  const { comment, clientAddress } = submission;
  const links = comment.url ? [...linksOf(submission), new URL(comment.url)] : linksOf(submission);
  subject = {
    text: comment.text,
    name: comment.name.trim().toLowerCase(),
    email: comment.email?.toLowerCase(),
    hosts: links.map(hostOf).filter((host): host is string => host !== undefined),
    address: clientAddress && ipaddr.isValid(clientAddress) ? ipaddr.process(clientAddress) : undefined,
  };
  subjects.set(submission, subject);
  return subject;
}

/** The site owner's rules, compiled, read from the store at most once per `ttlMs`. */
export interface RuleLists {
  current(now: number): Promise<readonly CompiledRule[]>;
}

/**
 * The block- and allow-list of `rules`, read again at most every `ttlMs`: a post must not cost a query of the
 * rules each time, and a rule added on another instance (or the admin page) applies within that time.
 */
export function ruleLists(rules: RuleStore, ttlMs = 2_000): RuleLists {
  let known: { rules: readonly CompiledRule[]; until: number } | undefined;
  return {
    async current(now) {
      if (!known || known.until <= now) {
        const compiled: CompiledRule[] = [];
        for (const rule of await rules.list()) {
          const matches = ruleProblem(rule) === undefined ? matcherOf(rule) : undefined;
          if (matches) compiled.push({ rule, matches });
        }
        known = { rules: compiled, until: now + ttlMs };
      }
      return known.rules;
    },
  };
}

/**
 * The allow-list: a comment by an author the site owner trusts (by e-mail address, name or IP address) is
 * published at once, whatever later layers and the mode would say. An e-mail address or a name is only as
 * strong as it is unknown to others: anyone may type them.
 */
export function allowList(lists: RuleLists): ModerationLayer {
  return async (submission) => {
    const rules = await lists.current(submission.now);
    const allowing = rules.filter(({ rule }) => rule.action === 'publish');
    if (allowing.length === 0) return undefined;
    const subject = subjectOf(submission);
    const match = allowing.find(({ matches }) => matches(subject));
    return match && published(`allow-list ${match.rule.pattern}`);
  };
}

/**
 * The block-list: a comment that matches a rule goes to spam or is held, as the rule says ("spam: block-list
 * example.biz"); when several match, spam wins.
 */
export function blockList(lists: RuleLists): ModerationLayer {
  return async (submission) => {
    const rules = await lists.current(submission.now);
    const blocking = rules.filter(({ rule }) => rule.action === 'spam' || rule.action === 'pending');
    if (blocking.length === 0) return undefined;
    const subject = subjectOf(submission);
    const matching = blocking.filter(({ matches }) => matches(subject)).map(({ rule }) => rule);
    const match = matching.find((rule) => rule.action === 'spam') ?? matching[0];
    if (!match) return undefined;
    return match.action === 'spam'
      ? spam(`block-list ${match.pattern}`)
      : held(`block-list ${match.pattern}`);
  };
}
