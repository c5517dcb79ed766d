import type { Logger } from '../logger.js';
import type { RuleStore } from '../storage/rules.js';
import { akismetCheck, type AkismetOptions } from './akismet.js';
import { honeypotAndFormToken, missingFormToken, type FormTokens } from './form-token.js';
import { moderationHook, type ModerationHookOptions } from './hook.js';
import { tooManyLinks } from './links.js';
import { allowList, blockList, ruleLists } from './rule-lists.js';
import type { ModerationLayer } from './verdict.js';

/** The spam defences a server runs, as its operator configured them (docs/moderation.md). */
export interface SpamDefenceOptions {
  /** The site owner's block- and allow-list. */
  rules: RuleStore;
  formTokens: FormTokens;
  /** Whether a post without a form token is held (`true`) or left to the other layers. */
  isFormTokenRequired: boolean;
  /** Most links a comment may hold before it is held; `false`: no limit. */
  maxLinks: number | false;
  akismet?: AkismetOptions;
  hook?: ModerationHookOptions;
  logger: Logger;
}

/**
 * The spam defences, in the order they apply; the first verdict settles a comment, and the mode decides what none
 * settled (moderator.ts). The order:
 *
 * 1. The allow-list, first: the site owner's explicit trust outweighs every guess below, and a trusted author's
 *    comment is never sent to a third party.
 * 2. Honeypot and form token: certain signs of a bot, free to check, and spam at once.
 * 3. The block-list: the owner's own rules, spam or held.
 * 4. A missing form token, held: after the block-list, so that a spammer the owner knows goes to spam even when
 *    posting with curl, instead of waiting in the moderators' queue.
 * 5. Too many links, held.
 * 6. Akismet, and 7. the moderation hook, last: they are remote, slow and see the commenter's data, so they are
 *    asked only about what every local check left open (a comment already held needs no second opinion to stay
 *    held). The hook comes after Akismet because it is the owner's own word: it never sees what Akismet binned,
 *    and whatever it answers stands.
 */
export function spamDefences(options: SpamDefenceOptions): ModerationLayer[] {
  const lists = ruleLists(options.rules);
  return [
    allowList(lists),
    honeypotAndFormToken(options.formTokens),
    blockList(lists),
    ...(options.isFormTokenRequired ? [missingFormToken()] : []),
    ...(options.maxLinks === false ? [] : [tooManyLinks(options.maxLinks)]),
    ...(options.akismet ? [akismetCheck(options.akismet, options.logger)] : []),
    ...(options.hook ? [moderationHook(options.hook, options.logger)] : []),
  ];
}

/**
 * The defences a reference from another website meets: the same lists, Akismet and hook as a comment, in the same
 * order. A reference has no form, so no honeypot or form token; its links are its source's, not counted.
 */
export function referenceDefences(
  options: Omit<SpamDefenceOptions, 'formTokens' | 'isFormTokenRequired' | 'maxLinks'>,
): ModerationLayer[] {
  const lists = ruleLists(options.rules);
  return [
    allowList(lists),
    blockList(lists),
    ...(options.akismet ? [akismetCheck(options.akismet, options.logger)] : []),
    ...(options.hook ? [moderationHook(options.hook, options.logger)] : []),
  ];
}
