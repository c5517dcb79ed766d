// What the privacy crawl searches every public answer for: each private value (an e-mail address, an IP address, a
// secret) as it was given and in every form a careless server might publish it, hashes included.
import { createHash } from 'node:crypto';

/** The digests a server might publish of a value: Gravatar's MD5 and SHA-256, a SHA-1, each in hex and base64url. */
const algorithms = ['md5', 'sha1', 'sha256'];
/** Characters of a digest that still give it away: an avatar that kept 16 of them would. */
const prefixLength = 16;

/** The spellings of `value` to search for: as given, lower-cased and trimmed (how addresses are compared). */
function spellings(value) {
  return [...new Set([value, value.trim().toLowerCase()])];
}

/**
 * Every needle for `values` (`{ kind: [value…] }`, such as `{ email: ['Ada@Example.com'] }`): each value in each
 * spelling, and each spelling's MD5, SHA-1 and SHA-256 in hex and base64url, in full and cut to 16 characters.
 * `{ label, text, isCaseless }` each; `label` says what it is ("sha256 hex of email Ada@Example.com"); e-mail
 * addresses and hex are found in any case.
 */
export function needlesOf(values) {
  const needles = [];
  for (const [kind, list] of Object.entries(values)) {
    for (const value of list) {
      for (const spelling of spellings(value)) {
        needles.push({ label: `${kind} ${spelling}`, text: spelling, isCaseless: kind === 'email' });
        for (const algorithm of algorithms) {
          const digest = createHash(algorithm).update(spelling).digest();
          for (const [encoding, text] of [
            ['hex', digest.toString('hex')],
            ['base64url', digest.toString('base64url')],
          ]) {
            const label = `${algorithm} ${encoding} of ${kind} ${spelling}`;
            const isCaseless = encoding === 'hex';
            needles.push(
              { label, text, isCaseless },
              { label: `${label}, first ${prefixLength}`, text: text.slice(0, prefixLength), isCaseless },
            );
          }
        }
      }
    }
  }
  return needles;
}

/** The labels of the needles found in `text`. */
export function needlesIn(text, needles) {
  const lower = text.toLowerCase();
  return needles
    .filter((needle) =>
      needle.isCaseless ? lower.includes(needle.text.toLowerCase()) : text.includes(needle.text),
    )
    .map(({ label }) => label);
}
