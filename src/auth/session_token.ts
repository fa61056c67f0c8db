/**
 * Session tokens: 32 random bytes (256 bits) in base64url, handed to the client once at login.
 * The sessions collection keeps only their SHA-256, so a leaked database copy or backup holds no
 * usable token.
 */
import { createHash } from "node:crypto";
import { encodeBase64Url } from "../text/base64.ts";

/** A new random token (43 base64url characters). */
export function newSessionToken(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The hex SHA-256 of `token`, the value stored and looked up. Synchronous `node:crypto`: it runs
 * on every authenticated request, where WebCrypto's async digest costs several times more.
 */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
