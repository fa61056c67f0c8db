/**
 * Behaviour of `users` (Superdesk's `DBUsersService`): hashes passwords, fills defaults, lets a
 * user edit themself without the `users` privilege but not raise their own access, keeps
 * non-administrators from creating or editing administrators, ends sessions when a password
 * changes or an account is disabled, disables (never removes) an account on DELETE, holds usernames to `USER_USERNAME_PATTERN`, mails the activation link of a new account and
 * tells the owner when their account's status changes.
 */
import { emailNotifications, preferencesOfUser } from "./user_preferences.ts";
import {
  AbortError,
  ForbiddenError,
  ruleIssue,
  UnauthorizedError,
  ValidationError,
} from "../errors.ts";
import { type Actor, hasPrivilege, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { WriteOptions } from "../resources/resource_service.ts";
import type { CreateContext } from "../resources/resource_hooks.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { AccountMail } from "./account_mail.ts";
import type { PasswordReset } from "./password_reset.ts";
import { fitsBcrypt, hashPassword, MAX_PASSWORD_BYTES, verifyPassword } from "./password.ts";
import { assertCanGrant, insufficientPrivileges, revokes, USERS_PRIVILEGE } from "./privileges.ts";
import type { RolesService } from "./roles_service.ts";
import type { SessionsService } from "./sessions_service.ts";
import { SELF_PROTECTED_FIELDS } from "./users_resource.ts";

/** What Superdesk calls a sensitive update: it needs the `users` privilege, even on oneself. */
const SENSITIVE_FIELDS = ["role", "user_type", "privileges"] as const;

export class UsersService extends ResourceService {
  constructor(
    definition: ResourceDefinition,
    ctx: ServiceContext,
    private readonly accounts: { mail: AccountMail; reset: PasswordReset },
  ) {
    super(definition, ctx);
  }

  protected override async onCreate(docs: Doc[], actor: Actor, { trusted }: CreateContext) {
    const defaultRole = await this.ctx.registry.service<RolesService>("roles").defaultRole();
    const invisible = await this.invisibleStagesOfNonMembers();
    for (const doc of docs) {
      if (doc.user_type === "administrator") assertAdmin(actor, "user_type");
      if (actor.kind === "user") this.assertUsernamePattern(doc.username);
      assertCanGrant(actor, { field: "privileges", before: {}, after: doc.privileges });
      doc.email = String(doc.email).toLowerCase();
      doc.display_name ??= displayName(doc);
      doc.sign_off = signOff(doc);
      doc.user_type ??= "user";
      doc.is_active ??= true;
      doc.is_enabled ??= true;
      doc.needs_activation ??= true;
      doc.privileges ??= {};
      doc.invisible_stages = invisible;
      if (!("role" in doc)) doc.role = defaultRole?._id ?? null;
      if (typeof doc.password === "string") await this.hashInto(doc, { minLength: !trusted });
    }
  }

  /** Superdesk's `DBUsersService.on_created`: new accounts waiting for activation get the link. */
  protected override async onCreated(docs: Doc[]) {
    for (const doc of docs) {
      if (doc.needs_activation === true && doc.user_type !== "external" && doc.email) {
        await this.accounts.reset.activate(doc);
      }
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    const self = actor.kind === "user" && actor.userId === original._id;
    if (!self && !hasPrivilege(actor, USERS_PRIVILEGE)) {
      // Superdesk's authorization layer refuses this before any hook runs.
      const refusal = insufficientPrivileges(USERS_PRIVILEGE);
      throw new AbortError(refusal.status, refusal.message, { issues: refusal.issues });
    }
    if (self && ("is_active" in updates || "is_enabled" in updates)) {
      const changed = ["is_active", "is_enabled"].some((field) =>
        field in updates && updates[field] !== original[field]
      );
      if (changed) throw new ForbiddenError("Not allowed to change your own status");
    }
    if (!actor.isAdmin) {
      if (original.user_type === "administrator") assertAdmin(actor, "user_type");
      const sensitive = SENSITIVE_FIELDS.some((field) =>
        field in updates && !sameValue(updates[field], original[field])
      );
      if (sensitive && !hasPrivilege(actor, USERS_PRIVILEGE)) {
        throw new ForbiddenError("Insufficient privileges to update role/user_type/privileges");
      }
      for (const field of self ? SELF_PROTECTED_FIELDS : ["user_type"] as const) {
        if (field in updates && !sameValue(updates[field], original[field])) {
          throw new ForbiddenError(`Cannot change "${field}" of your own account`, {
            issues: { [field]: "not allowed" },
          });
        }
      }
      if ("privileges" in updates) {
        assertCanGrant(actor, {
          field: "privileges",
          before: original.privileges,
          after: updates.privileges,
        });
      }
    }
    if (actor.kind === "user" && "username" in updates && updates.username !== original.username) {
      this.assertUsernamePattern(updates.username);
    }
    if (typeof updates.email === "string") updates.email = updates.email.toLowerCase();
    if (updates.is_enabled === true) updates.is_active = true;
    if ((updates.first_name || updates.last_name) && !("display_name" in updates)) {
      updates.display_name = displayName({ ...original, ...updates });
    }
    if (typeof updates.password === "string") await this.hashInto(updates);
  }

  protected override async onUpdated(updates: Doc, original: Doc, actor: Actor) {
    const id = String(original._id);
    // Keeping `invisible_stages` current is Superdesk's `system_update`: no event.
    if (Object.keys(updates).every((key) => key === "invisible_stages")) return;
    await this.ctx.notify(...userEvent(updates, original));
    const status = statusChange(updates);
    if (
      status && original.email &&
      emailNotifications(await preferencesOfUser(this.ctx.registry, original))
    ) {
      await this.accounts.mail.statusChanged(String(original.email), status);
    }
    if (updates.is_active === false || updates.is_enabled === false) {
      await this.sessions().endUserSessions(id);
    } else if ("password" in updates) {
      await this.sessions().endUserSessions(id, { keep: actor.sessionId });
    }
  }

  /**
   * Superdesk's `DELETE /api/users/<id>`: the account is disabled, never removed (`is_enabled`
   * and `is_active` false, through `update`, so the `user_disabled` event, the status mail and
   * the end of its sessions follow); then its password-reset tokens are forgotten and
   * `user:disabled` tells the newsroom to release its locks and unsaved drafts and the activity
   * log to say so. A user cannot disable themself; only administrators disable administrators.
   * False when there is no such user.
   */
  override async delete(id: string, { etag, actor = SYSTEM_ACTOR }: WriteOptions = {}) {
    const original = await this.findOne({ _id: id }, actor);
    if (!original) return false;
    this.checkEtag(original, etag, actor);
    if (actor.kind === "user" && actor.userId === original._id) {
      throw new ForbiddenError("Not allowed to disable your own profile.");
    }
    if (original.user_type === "administrator") assertAdmin(actor, "user_type");
    const user = await this.update(id, { is_enabled: false, is_active: false }, { etag, actor });
    if (user.email) await this.accounts.reset.forget(String(user.email));
    await this.ctx.signals.emit("user:disabled", { user, by: actor.userId });
    return true;
  }

  /** Ids of the users holding role `roleId` (Superdesk's `get_users_by_role`). */
  async idsWithRole(roleId: string): Promise<string[]> {
    const holders = await this.collection.find({ role: roleId }, { projection: { _id: 1 } });
    return holders.map((user) => String(user._id));
  }

  /**
   * The stages hidden from users outside their desk (Superdesk's `get_invisible_stages`): all of
   * them for a new user, who is a member of no desk yet. Empty when there are no stages.
   */
  private async invisibleStagesOfNonMembers(): Promise<string[]> {
    if (!this.ctx.registry.has("stages")) return [];
    const { items } = await this.ctx.registry.service("stages").find({
      filter: { is_visible: false },
      page: 1,
      maxResults: 10_000,
      projection: { _id: 1 },
      skipCount: true,
    });
    return items.map((stage) => String(stage._id));
  }

  /**
   * Superdesk's `change_user_password`: sets `newPassword` for whoever knows the account's
   * current one (a 401 `{credentials: 1}` otherwise, as a failed login); every session of the
   * account ends. Returns the stored user.
   */
  async changePassword(
    { username, oldPassword, newPassword }: {
      username: string;
      oldPassword: string;
      newPassword: string;
    },
  ): Promise<Doc> {
    const user = await this.findOne({ username });
    const rounds = this.ctx.config.bcryptWorkFactor;
    if (!(await verifyPassword(oldPassword, user?.password, rounds)) || !user) {
      throw new UnauthorizedError("Authentication failed", { issues: { credentials: 1 } });
    }
    return await this.update(String(user._id), { password: newPassword }, {
      etag: String(user._etag),
      actor: SYSTEM_ACTOR,
    });
  }

  /**
   * Superdesk's `username_pattern` rule on users' writes (fixtures, the CLI and the first
   * administrator are the system's): `USER_USERNAME_PATTERN` must match from the start.
   */
  private assertUsernamePattern(username: unknown) {
    const pattern = this.ctx.config.usernamePattern;
    if (pattern === undefined) return;
    if (new RegExp(pattern).exec(String(username ?? ""))?.index !== 0) {
      throw new ValidationError({ username: ruleIssue("pattern") });
    }
  }

  private sessions(): SessionsService {
    return this.ctx.registry.service<SessionsService>("sessions");
  }

  /**
   * Replaces the clear-text `password` of `doc` with its bcrypt hash; a password shorter than
   * `PASSWORD_MIN_LENGTH` is Superdesk's `{password: {minlength: 1}}`, a rule of its schema, so
   * not checked for a trusted create (`minLength: false`: prepopulate's `admin`/`admin`).
   */
  private async hashInto(doc: Doc, { minLength = true }: { minLength?: boolean } = {}) {
    const password = String(doc.password);
    if (minLength && password.length < this.ctx.config.passwordMinLength) {
      throw new ValidationError({ password: ruleIssue("minlength") });
    }
    if (!fitsBcrypt(password)) {
      throw new ValidationError({ password: `max length is ${MAX_PASSWORD_BYTES} bytes` });
    }
    doc.password = await hashPassword(password, this.ctx.config.bcryptWorkFactor);
    doc.password_changed_on = new Date();
  }
}

/** 403 naming `field` unless `actor` is an administrator. */
function assertAdmin(actor: Actor, field: string) {
  if (actor.isAdmin) return;
  throw new ForbiddenError("Only administrators can manage administrator accounts", {
    issues: { [field]: "administrators only" },
  });
}

/**
 * Superdesk's sign-off when none is given: empty for an explicit null, the initials of first and
 * last name, else the first three letters of the username in capitals.
 */
function signOff(doc: Doc): string {
  if (typeof doc.sign_off === "string") return doc.sign_off;
  if (doc.sign_off === null) return "";
  const first = String(doc.first_name ?? ""), last = String(doc.last_name ?? "");
  if (!("first_name" in doc) || !("last_name" in doc)) {
    return String(doc.username).slice(0, 3).toUpperCase();
  }
  return `${first.slice(0, 1)}${last.slice(0, 1)}`;
}

/**
 * Superdesk's notification for a user update (one, the first that applies): disabled,
 * inactivated, role changed, privileges revoked, type changed to non-administrator, else `user`.
 */
function userEvent(updates: Doc, original: Doc): [string, Doc] {
  const extra = { updated: 1, user_id: String(original._id) };
  if (updates.is_enabled === false) return ["user_disabled", extra];
  if (updates.is_active === false) return ["user_inactivated", extra];
  if ("role" in updates) return ["user_role_changed", extra];
  if ("privileges" in updates) {
    if (revokes(original.privileges, updates.privileges)) {
      return ["user_privileges_revoked", extra];
    }
    return ["user", extra];
  }
  if ("user_type" in updates && updates.user_type !== "administrator") {
    return ["user_type_changed", extra];
  }
  return ["user", extra];
}

/**
 * The status an update gives an account, as Superdesk's status e-mail names it (`enabled`,
 * `disabled`, `enabled and active`, `enabled but inactive`), or undefined when it sets neither
 * `is_enabled` nor `is_active`.
 */
function statusChange(updates: Doc): string | undefined {
  const enabled = updates.is_enabled, active = updates.is_active;
  let status: string | undefined;
  if (typeof enabled === "boolean") status = enabled ? "enabled" : "disabled";
  if ((status === undefined || status === "enabled") && typeof active === "boolean") {
    status = active ? "enabled and active" : "enabled but inactive";
  }
  return status;
}

/** Superdesk's display name: first and last name, else the username. */
function displayName(doc: Doc): string {
  const full = [doc.first_name, doc.last_name].filter((part) => part).join(" ");
  return full || String(doc.username);
}

/** True when a PATCH leaves a field as it was (absent, null and `{}` privileges alike). */
function sameValue(update: unknown, original: unknown): boolean {
  return stableJson(update) === stableJson(original);
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  const entries = Object.entries(value as Doc).sort(([a], [b]) => a.localeCompare(b));
  return `{${
    entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")
  }}`;
}
