/** Keys of the settings natter keeps in its database, shared by every instance. */
export type SettingKey =
  /** The moderators' password, as an scrypt hash (admin/password.ts). */
  | 'admin_password_hash'
  /** The key that signs form tokens and trust tokens (HMAC-SHA256), made once, base64url. */
  | 'signing_key'
  /** `true` while the whole site takes no new comments, edits or reports. */
  | 'read_only'
  /** The secret salt of the avatar values (avatars.ts), made once, base64url. */
  | 'avatar_salt'
  /** The key that hashes and seals the addresses of reply notifications (reply-notifications/address-key.ts). */
  | 'address_key'
  /** The key that derives the secret of a post sent with an idempotency key (post-keys.ts), made once, base64url. */
  | 'post_secret_key';

/** The server's own state, in its database so that every instance sees the same. */
export interface SettingStore {
  get(key: SettingKey): Promise<string | undefined>;
  set(key: SettingKey, value: string): Promise<void>;
  /** Sets `key` to `value` unless it already has one; resolves with the value it has afterwards (either). */
  setIfAbsent(key: SettingKey, value: string): Promise<string>;
  delete(key: SettingKey): Promise<void>;
}
