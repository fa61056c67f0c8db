/**
 * Password reset and account activation (Superdesk's `reset_user_password`): a single-use link
 * token mailed to the account's address, valid `RESET_PASS_TTL` days for a reset asked by the
 * user and `ACTIVATE_TTL` days for a new account. As for session tokens, only the token's
 * SHA-256 is stored (collection `reset_user_password`). Setting a password through a token
 * removes every token of that address and ends the account's sessions.
 */
import { Type } from "@sinclair/typebox";
import { BadRequestError, ForbiddenError, UnauthorizedError } from "../errors.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { newObjectId } from "../resources/ids.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField } from "../resources/schema/fields.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { AccountMail } from "./account_mail.ts";
import { hashSessionToken, newSessionToken } from "./session_token.ts";
import type { UsersService } from "./users_service.ts";

/** The stored tokens; not routed (`POST /api/reset_user_password` is `auth_routes.ts`). */
export const resetTokensResource = defineResource({
  name: "reset_user_password",
  schema: Type.Object({
    email: Type.String(),
    token_hash: Type.String(),
    expire_time: DateTimeField(),
    user: Type.String(),
  }),
  internal: true,
  indexes: [
    { name: "token_hash", keys: { token_hash: 1 } },
    { name: "email", keys: { email: 1 } },
  ],
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Issues, checks and redeems reset tokens. */
export class PasswordReset {
  constructor(private readonly ctx: ServiceContext, private readonly mail: AccountMail) {}

  /**
   * Mails a reset link to the enabled, active account with address `email` (any case); returns
   * the id of the stored token. 400 for an unknown address, 403 for a disabled or inactive
   * account.
   */
  async request(email: string): Promise<string> {
    const address = email.toLowerCase();
    const user = await this.users().findOne({ email: address });
    if (!user) throw new BadRequestError("Invalid email");
    if (user.is_enabled !== true) throw new ForbiddenError("User not enabled");
    if (user.is_active !== true) throw new ForbiddenError("User not active");
    const { id, token } = await this.issue(user, this.ctx.config.resetPasswordTtlDays);
    await this.mail.resetPassword(address, token);
    return id;
  }

  /** Mails the activation link of a new account (`needs_activation`). */
  async activate(user: Doc): Promise<void> {
    const { token } = await this.issue(user, this.ctx.config.activationTtlDays);
    await this.mail.activation(
      { email: String(user.email), username: String(user.username) },
      token,
    );
  }

  /** The id of the stored token `token`; 401 when unknown or expired. */
  async check(token: string): Promise<string> {
    return String((await this.valid(token))._id);
  }

  /**
   * Sets `password` on the account `token` belongs to (403 when it is no longer active), ends
   * its `needs_activation` and removes every token of its address. Returns the token's id.
   */
  async reset(token: string, password: string): Promise<string> {
    const stored = await this.valid(token);
    const user = await this.users().findOne({ _id: stored.user });
    if (!user || user.is_active !== true) throw new ForbiddenError("User not active");
    await this.users().update(String(user._id), { password, needs_activation: false }, {
      etag: String(user._etag),
      actor: SYSTEM_ACTOR,
    });
    await this.forget(String(stored.email));
    return String(stored._id);
  }

  /** Removes every token of `email` (after a reset, when its account is deleted). */
  async forget(email: string): Promise<void> {
    await this.tokens().deleteMany({ email: email.toLowerCase() });
  }

  private async issue(user: Doc, days: number): Promise<{ id: string; token: string }> {
    const now = new Date();
    await this.tokens().deleteMany({ expire_time: { $lt: now } });
    const token = newSessionToken();
    const id = newObjectId();
    await this.tokens().insertMany([{
      _id: id,
      _created: now,
      _updated: now,
      email: String(user.email).toLowerCase(),
      token_hash: hashSessionToken(token),
      expire_time: new Date(now.getTime() + days * DAY_MS),
      user: String(user._id),
    }]);
    return { id, token };
  }

  private async valid(token: string): Promise<Doc> {
    const stored = await this.tokens().findOne({ token_hash: hashSessionToken(token) });
    const expiry = stored && new Date(stored.expire_time as Date | string).getTime();
    if (!stored || !(expiry! >= Date.now())) {
      throw new UnauthorizedError("Invalid token received");
    }
    return stored;
  }

  private tokens() {
    return this.ctx.documents.collection(resetTokensResource.datasource.source);
  }

  private users(): UsersService {
    return this.ctx.registry.service<UsersService>("users");
  }
}
