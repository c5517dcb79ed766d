/** What a list of the admin API orders by: newest first, and by id within a millisecond. */
interface Listed {
  createdAt: string;
  id: string;
}

/** Where a list goes on after `row`: its position (`createdAt|id`), as the stores' `before` takes it. */
export const positionOf = (row: Listed): string => `${row.createdAt}|${row.id}`;

/**
 * A page of a list the store was asked for one row more than `limit` of: its first `limit` rows, and where the next
 * page begins (`next`), or `null` when this is the last.
 */
export function pageOf<Row extends Listed>(
  found: Row[],
  limit: number,
): { rows: Row[]; next: string | null } {
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  return { rows, next: found.length > limit && last ? positionOf(last) : null };
}
