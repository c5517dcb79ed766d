import { sha256, toBase64Url, toHex } from './base64url.js';
import { settingKey } from './signing.js';
import type { SettingStore } from './storage/settings.js';

/**
 * What readers' browsers draw for an author: `identicon` (the default: an opaque value only this server can derive,
 * drawn in the browser, no third party asked) or `gravatar` (the site owner opted in: an image URL at Gravatar too).
 */
export type AvatarStyle = 'identicon' | 'gravatar';

/** Where Gravatar's images come from, when the site owner opted in. */
export const gravatarOrigin = 'https://www.gravatar.com';

/** The avatar members of a public comment (docs/protocol.md#comment). */
export interface AvatarFields {
  avatar: string | null;
  avatarUrl?: string;
}

/** Derives the avatar members of an author's comments from their e-mail address. */
export interface Avatars {
  of(email: string | null): Promise<AvatarFields>;
}

/** Characters of base64url an avatar value keeps: 96 bits, plenty to tell authors apart and to draw from. */
const avatarLength = 16;
/** Addresses whose avatar members a process remembers, so that a page of one author's comments costs one HMAC. */
const maxRemembered = 10_000;

/**
 * Avatars from a secret salt in the settings (`avatar_salt`, made once by whichever instance needs it first, so
 * every instance on the database derives the same values): `avatar` is HMAC-SHA256 of the lower-cased address under
 * that salt, base64url, cut to 16 characters. Without the salt nobody can test a guessed address against it, unlike
 * an e-mail hash. With `gravatar`, `avatarUrl` names Gravatar's image by the address's SHA-256, as Gravatar asks,
 * falling back to its own identicon.
 */
export function createAvatars(settings: SettingStore, style: AvatarStyle = 'identicon'): Avatars {
  const saltKey = settingKey(settings, 'avatar_salt', (salt) => new TextEncoder().encode(salt), ['sign']);
  const remembered = new Map<string, Promise<AvatarFields>>();

  const derive = async (address: string): Promise<AvatarFields> => {
    const mac = await crypto.subtle.sign('HMAC', await saltKey(), new TextEncoder().encode(address));
    const fields: AvatarFields = { avatar: toBase64Url(new Uint8Array(mac)).slice(0, avatarLength) };
    if (style === 'gravatar') {
      fields.avatarUrl = `${gravatarOrigin}/avatar/${toHex(await sha256(address))}?d=identicon&s=96`;
    }
    return fields;
  };

  return {
    of(email) {
      if (!email) return Promise.resolve({ avatar: null });
      const address = email.trim().toLowerCase();
      let fields = remembered.get(address);
      if (!fields) {
        if (remembered.size >= maxRemembered) remembered.clear();
        fields = derive(address);
        remembered.set(address, fields);
        // A failure (the store unreachable) is not remembered.
        fields.catch(() => remembered.delete(address));
      }
      return fields;
    },
  };
}
