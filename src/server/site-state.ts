import type { SettingStore } from './storage/settings.js';

/** What the site owner switched for the whole site, read from the shared settings. */
export interface SiteState {
  /** Whether the site takes no new comments, edits or reports. */
  isReadOnly(now: number): Promise<boolean>;
  /** Switches read-only mode; this instance knows at once, others within `ttlMs`. */
  setReadOnly(isReadOnly: boolean): Promise<void>;
}

/**
 * The site's switches, read at most once per `ttlMs`: a listing must not cost a settings query, and other instances
 * may learn of a change that much later (the same lag as their cached pages).
 */
export function createSiteState(settings: SettingStore, ttlMs = 2_000): SiteState {
  let known: { isReadOnly: boolean; until: number } | undefined;
  return {
    async isReadOnly(now) {
      if (!known || known.until <= now) {
        known = { isReadOnly: (await settings.get('read_only')) === 'true', until: now + ttlMs };
      }
      return known.isReadOnly;
    },
    async setReadOnly(isReadOnly) {
      if (isReadOnly) await settings.set('read_only', 'true');
      else await settings.delete('read_only');
      known = undefined;
    },
  };
}
