/** What a rule matches in a new comment. */
export type RuleKind = 'word' | 'domain' | 'email' | 'name' | 'ip';

/** What a match does: send to spam, hold for a moderator, or publish at once (the allow-list). */
export type RuleAction = 'spam' | 'pending' | 'publish';

/** One entry of the site owner's block- or allow-list. */
export interface Rule {
  id: string;
  kind: RuleKind;
  /** A word or phrase, a domain (and its subdomains), an e-mail address, a name, or an IP address or CIDR range. */
  pattern: string;
  action: RuleAction;
  /** The owner's note: why the rule exists. */
  note: string | null;
  createdAt: string;
}

/** The site owner's block- and allow-list. */
export interface RuleStore {
  /** Every rule, oldest first. */
  list(): Promise<Rule[]>;
  add(rule: Rule): Promise<void>;
  /** Removes a rule; false when there was none with that id. */
  remove(id: string): Promise<boolean>;
}
