/**
 * The authorization server's settings, Superdesk's names: `AUTH_SERVER_SHARED_SECRET` (the key
 * that signs access tokens and that resource servers verify them with; unset: no token
 * endpoint, as Superdesk) and `AUTH_SERVER_EXPIRATION_DELAY` (seconds a token is valid; Superdesk
 * reads it from the environment variable `AUTH_SERVER_EXPIRATION_TIME`, which we accept too).
 * A bad value stops the start.
 */

/** The parsed settings. */
export interface AuthServerSettings {
  /** Signing key; undefined when the server is off. */
  sharedSecret?: string;
  /** Lifetime of an access token, seconds. */
  expiresInSeconds: number;
}

/** Superdesk's default: one day. */
export const DEFAULT_EXPIRATION_SECONDS = 24 * 60 * 60;

/**
 * RFC 7518 §3.2: an HS256 key must be at least as long as the hash (256 bits); a shorter one
 * lets anyone holding a token find the key offline and sign tokens of their own.
 */
export const MIN_SHARED_SECRET_BYTES = 32;

/** One year, the longest lifetime accepted (a token cannot be revoked before it expires). */
const MAX_EXPIRATION_SECONDS = 366 * 24 * 60 * 60;

/** Reads the settings through `setting` (an app's `app.setting`). */
export function authServerSettings(
  setting: (name: string) => string | undefined,
): AuthServerSettings {
  // Blank is unset; otherwise the value is the key as given, spaces included: Superdesk's
  // production API verifies with the setting untrimmed, so a trimmed key would not match it.
  const given = setting("AUTH_SERVER_SHARED_SECRET");
  const secret = given?.trim() ? given : undefined;
  if (secret !== undefined && new TextEncoder().encode(secret).length < MIN_SHARED_SECRET_BYTES) {
    throw new Error(
      `AUTH_SERVER_SHARED_SECRET must be at least ${MIN_SHARED_SECRET_BYTES} bytes long ` +
        "(RFC 7518: an HS256 key as long as the hash)",
    );
  }
  const name = setting("AUTH_SERVER_EXPIRATION_DELAY")?.trim()
    ? "AUTH_SERVER_EXPIRATION_DELAY"
    : "AUTH_SERVER_EXPIRATION_TIME";
  const value = setting(name)?.trim();
  if (!value) return { sharedSecret: secret, expiresInSeconds: DEFAULT_EXPIRATION_SECONDS };
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > MAX_EXPIRATION_SECONDS) {
    throw new Error(
      `${name} must be a whole number of seconds from 1 to ${MAX_EXPIRATION_SECONDS}, ` +
        `not "${value}"`,
    );
  }
  return { sharedSecret: secret, expiresInSeconds: seconds };
}
