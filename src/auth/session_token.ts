/**
 * Session tokens: 32 random bytes (256 bits) in base64url, handed to the client once at login.
 * The sessions collection keeps only their SHA-256, so a leaked database copy or backup holds no
 * usable token.
 */
import { encodeBase64Url } from "./_base64url.ts";

/** A new random token (43 base64url characters). */
export function newSessionToken(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The hex SHA-256 of `token`, the value stored and looked up. */
export async function hashSessionToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
