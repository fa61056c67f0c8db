/**
 * The client credentials grant (RFC 6749 §4.4) behind `POST /api/auth_server/token`: admits the
 * attempt through the login guard (failed attempts are limited as logins are), authenticates the
 * client (`AuthServerClientsService.authenticate`: an unknown client and a wrong secret are alike),
 * narrows its scopes to those asked, and signs the token. Answers an outcome the route renders,
 * never throws for a refused client.
 */
import type { LoginGuard } from "../auth/login_guard.ts";
import type { AccessTokenSigner } from "./access_token.ts";
import type { AuthServerClientsService } from "./auth_server_clients.ts";

/** RFC 6749 §5.1's token answer. */
export interface TokenAnswer {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

/** A refusal: RFC 6749 §5.2's error code, plus `Retry-After` for a limited attempt. */
export interface GrantRefusal {
  status: 400 | 401 | 429;
  error: "invalid_client" | "invalid_scope" | "slow_down";
  description?: string;
  retryAfterSeconds?: number;
}

/** What one grant request says. */
export interface GrantRequest {
  clientId: string;
  secret: string;
  /** The client's network address (the rate limits' key). */
  address: string;
  /** The scopes asked; all the client's when absent. */
  scope?: readonly string[];
}

/** Grants tokens to authenticated clients. */
export class TokenGrant {
  constructor(
    private readonly clients: AuthServerClientsService,
    private readonly signer: AccessTokenSigner,
    private readonly guard: LoginGuard,
    private readonly expiresInSeconds: number,
  ) {}

  /** A token for the client of `request`, or why not. */
  async grant(request: GrantRequest): Promise<TokenAnswer | GrantRefusal> {
    const admission = await this.guard.admit(request.clientId, request.address);
    if (admission.refused) {
      return {
        status: 429,
        error: "slow_down",
        description: "Too many failed attempts; try again later",
        retryAfterSeconds: admission.refused.retryAfterSeconds,
      };
    }
    const client = await this.clients.authenticate(request.clientId, request.secret);
    if (!client) return { status: 401, error: "invalid_client" };
    await this.guard.succeeded(request.clientId, request.address, admission);
    const scope = request.scope ? [...new Set(request.scope)] : client.scope;
    if (scope.some((name) => !client.scope.includes(name))) {
      return {
        status: 400,
        error: "invalid_scope",
        description: "the client is not allowed this scope",
      };
    }
    const expiresInSeconds = this.expiresInSeconds;
    return {
      access_token: await this.signer.sign({ clientId: client.client_id, scope, expiresInSeconds }),
      token_type: "Bearer",
      expires_in: expiresInSeconds,
      scope: scope.join(" "),
    };
  }
}
