/**
 * Sessions (Superdesk's `auth` service and `SuperdeskTokenAuth.check_auth`): login checks the
 * password and the account status and issues a token; each request resolves its token to an
 * actor, refusing sessions idle for longer than SESSION_EXPIRY_MINUTES and recording activity at
 * most once a minute; logout and expiry delete the session, so its token stops working at once.
 */
import { SESSION_END_EVENT } from "../notify/session_end_event.ts";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../errors.ts";
import { type Actor, hasPrivilege, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import { verifyPassword } from "./password.ts";
import { insufficientPrivileges, USERS_PRIVILEGE } from "./privileges.ts";
import { hashSessionToken, newSessionToken } from "./session_token.ts";
import { actorOfUser, roleOf } from "./user_actor.ts";

/** Last activity is written at most this often per session, so reads stay cheap. */
export const TOUCH_INTERVAL_MS = 60_000;

/** What a login returns: the stored session and the token, which is never stored. */
export interface Login {
  session: Doc;
  token: string;
}

/** Who the credentials of a login belong to: the user, or a thrown 401 (or 503). */
export type CredentialsCheck = (credentials: Credentials) => Promise<Doc>;

/** A login's username and password. */
export interface Credentials {
  username: string;
  password: string;
}

export class SessionsService extends ResourceService {
  readonly #checkCredentials: CredentialsCheck;

  /** `checkCredentials` replaces the password check (directory sign-in, `ldap/`). */
  constructor(
    definition: ResourceDefinition,
    ctx: ServiceContext,
    { checkCredentials }: { checkCredentials?: CredentialsCheck } = {},
  ) {
    super(definition, ctx);
    this.#checkCredentials = checkCredentials ??
      ((credentials) => this.#checkPassword(credentials));
  }

  /** Without the `users` privilege a caller sees only their own sessions. */
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    return hasPrivilege(actor, USERS_PRIVILEGE) ? undefined : { user: actor.userId ?? null };
  }

  /**
   * Checks the credentials and opens a session. The password is checked before the account
   * status, so only someone who knows it learns that an account is disabled or inactive.
   */
  async login(credentials: Credentials): Promise<Login> {
    const user = await this.#checkCredentials(credentials);
    if (user.is_enabled === false) {
      throw new ForbiddenError("Account is disabled, access restricted.", {
        issues: { is_enabled: false },
      });
    }
    if (user.is_active === false) {
      throw new ForbiddenError("Account is inactive, access restricted.", {
        issues: { is_active: false },
      });
    }
    const token = newSessionToken();
    const now = new Date();
    const [session] = await this.create([{
      user: user._id,
      username: user.username,
      token_hash: hashSessionToken(token),
      last_activity_at: now.toISOString(),
    }]);
    await this.recordUserActivity(String(user._id), now);
    return { session: session!, token };
  }

  /** The local account whose stored password hash `password` matches; a 401 otherwise. */
  async #checkPassword({ username, password }: Credentials): Promise<Doc> {
    const user = await this.users().findOne({ username });
    const rounds = this.ctx.config.bcryptWorkFactor;
    if (!(await verifyPassword(password, user?.password, rounds)) || !user) {
      throw new UnauthorizedError("Authentication failed", { issues: { credentials: 1 } });
    }
    return user;
  }

  /** The actor of a live session's token, or null (unknown, expired, or account not usable). */
  async authenticate(token: string): Promise<Actor | null> {
    const session = await this.collection.findOne({ token_hash: hashSessionToken(token) });
    if (!session) return null;
    const now = new Date();
    const lastActivity = asDate(session.last_activity_at ?? session._updated);
    const idleMs = now.getTime() - lastActivity.getTime();
    if (!(idleMs <= this.expiryMs())) {
      await this.delete(String(session._id)).catch((error) =>
        this.ctx.log.warn("could not delete an expired session", { error })
      );
      return null;
    }
    const user = await this.users().findOne({ _id: session.user });
    if (!user || user.is_enabled === false || user.is_active === false) return null;
    const role = await roleOf(this.ctx.registry, user);
    if (idleMs >= TOUCH_INTERVAL_MS) {
      await this.collection.updateOne({ _id: session._id }, { $set: { last_activity_at: now } });
      await this.recordUserActivity(String(user._id), now);
    }
    return actorOfUser(user, role, String(session._id));
  }

  /** The caller's own session (Superdesk's `GET /api/auth/<id>`); 404 for anyone else's. */
  async ownSession(id: string, actor: Actor): Promise<Doc> {
    const session = await this.collection.findOne({ _id: id });
    if (!session || session.user !== actor.userId) {
      throw new NotFoundError(`auth item "${id}" not found`);
    }
    return session;
  }

  /**
   * Announces the end: in-process to other modules (locks are released), and on the bus so every
   * process drops the cached actor (cached_authenticator.ts).
   */
  protected override async onDeleted(session: Doc): Promise<void> {
    await this.ctx.signals.emit("session:end", {
      sessionId: String(session._id),
      userId: String(session.user),
    });
    await this.ctx.notify(SESSION_END_EVENT, { session: session._id, user: session.user }, {
      filters: { include: { user: [String(session.user)] } },
    });
  }

  /** Logout: ends `id` if it is the caller's own session or the caller holds `users`. */
  async logout(id: string, { actor, etag }: { actor: Actor; etag?: string }): Promise<void> {
    const session = await this.collection.findOne({ _id: id });
    if (!session) throw new NotFoundError(`auth item "${id}" not found`);
    if (session.user !== actor.userId && !hasPrivilege(actor, USERS_PRIVILEGE)) {
      throw insufficientPrivileges(USERS_PRIVILEGE);
    }
    await this.delete(id, { etag, actor: SYSTEM_ACTOR });
  }

  /** Ends every session of `userId` except `keep`; returns how many. */
  endUserSessions(userId: string, { keep }: { keep?: string } = {}): Promise<number> {
    const filter: Filter = keep ? { user: userId, _id: { $ne: keep } } : { user: userId };
    return this.deleteMany(filter);
  }

  /** Deletes sessions idle for longer than the expiry (Superdesk's `session:gc`). */
  purgeExpired(now = new Date()): Promise<number> {
    return this.deleteMany({
      last_activity_at: { $lt: new Date(now.getTime() - this.expiryMs()) },
    });
  }

  private expiryMs(): number {
    return this.ctx.config.sessionExpiryMinutes * 60_000;
  }

  private users(): ResourceService {
    return this.ctx.registry.service("users");
  }

  /** Users' `last_activity_at` is etag-ignored, so it is written without a new etag. */
  private async recordUserActivity(userId: string, now: Date) {
    await this.ctx.documents.collection(this.users().definition.datasource.source)
      .updateOne({ _id: userId }, { $set: { last_activity_at: now } });
  }
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
