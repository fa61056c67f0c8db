/**
 * The access token of Superdesk's authorization server: a JWT signed with HS256 under
 * `AUTH_SERVER_SHARED_SECRET`, with Superdesk's claims (`iss` "Superdesk Auth Server", `iat`,
 * `exp`, `client_id`, `scope` as a list). It is not stored: a resource server that holds the
 * same secret checks the signature and the expiry (Superdesk's production API does).
 */

/** Superdesk's issuer claim. */
export const ACCESS_TOKEN_ISSUER = "Superdesk Auth Server";

/** What a token says. */
export interface AccessTokenClaims {
  iss: string;
  /** Issued at, Unix seconds. */
  iat: number;
  /** Expires at, Unix seconds. */
  exp: number;
  client_id: string;
  scope: string[];
}

/** Signs access tokens with one secret (its key imported once). */
export class AccessTokenSigner {
  #key: Promise<CryptoKey>;

  constructor(sharedSecret: string) {
    this.#key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(sharedSecret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
  }

  /** A token for `clientId` with `scope`, valid `expiresInSeconds` from `now` (ms). */
  async sign(
    { clientId, scope, expiresInSeconds, now = Date.now() }: {
      clientId: string;
      scope: readonly string[];
      expiresInSeconds: number;
      now?: number;
    },
  ): Promise<string> {
    const iat = Math.floor(now / 1000);
    const claims: AccessTokenClaims = {
      iss: ACCESS_TOKEN_ISSUER,
      iat,
      exp: iat + expiresInSeconds,
      client_id: clientId,
      scope: [...scope],
    };
    const signingInput = `${base64UrlJson({ alg: "HS256", typ: "JWT" })}.${base64UrlJson(claims)}`;
    const signature = await crypto.subtle.sign(
      "HMAC",
      await this.#key,
      new TextEncoder().encode(signingInput),
    );
    return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
  }
}

function base64UrlJson(value: unknown): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

/** RFC 7515's base64url without padding. */
export function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
