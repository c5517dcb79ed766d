import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Rule, RuleAction, RuleKind, RuleStore } from './rules.js';
import type { Database, RulesTable } from './schema.js';

/** A row of the `rules` table as the store gives it. */
export function toRule(row: Selectable<RulesTable>): Rule {
  return {
    id: row.id,
    kind: row.kind as RuleKind,
    pattern: row.pattern,
    action: row.action as RuleAction,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** The row of the `rules` table that stores `rule`. */
export function ruleRow(rule: Rule): Insertable<RulesTable> {
  return {
    id: rule.id,
    kind: rule.kind,
    pattern: rule.pattern,
    action: rule.action,
    note: rule.note,
    created_at: rule.createdAt,
  };
}

/** The block- and allow-list in the `rules` table. */
export class KyselyRules implements RuleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Rule[]> {
    const rows = await this.db.selectFrom('rules').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRule);
  }

  async add(rule: Rule): Promise<void> {
    await this.db.insertInto('rules').values(ruleRow(rule)).execute();
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('rules').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
