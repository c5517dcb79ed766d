/**
 * A source's time as natter stores times (ISO 8601 UTC, milliseconds, fixed width), or `undefined` when it is none
 * natter can store. Sources write ISO 8601 with a zone (Disqus, Remark42, which gives nanoseconds), or SQL's
 * `YYYY-MM-DD HH:MM:SS` in UTC (WordPress's `comment_date_gmt`).
 */
export function storedTime(value: string): string | undefined {
  const written = value.trim();
  const sql = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(written);
  const iso = sql
    ? `${sql[1]}T${sql[2]}${(sql[3] ?? '').slice(0, 4)}Z`
    : written.replace(/(\.\d{3})\d+/, '$1');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
  // Without a zone, JavaScript would read local time: the sources mean UTC.
  const time = Date.parse(/T[\d:.]+$/.test(iso) ? `${iso}Z` : iso);
  // Fixed width: the years 1970 to 9999 (a year 0000 is what WordPress writes for "no date").
  if (Number.isNaN(time) || time < 0 || time >= Date.UTC(10000, 0, 1)) return undefined;
  return new Date(time).toISOString();
}

/** Seconds since 1970 (Isso's `created`, a float) as natter stores times, or `undefined` when out of range. */
export function storedTimeOfSeconds(seconds: number): string | undefined {
  const time = seconds * 1000;
  if (!Number.isFinite(time) || time < 0 || time >= Date.UTC(10000, 0, 1)) return undefined;
  return new Date(Math.round(time)).toISOString();
}
