/**
 * The clients of the authorization server (Superdesk's `auth_server_clients`): a name (unique),
 * the bcrypt hash of the client's secret (`password`, as Superdesk stores it) and the scopes it
 * is allowed. The client id is the document's `_id`, ObjectId-style. The resource is internal:
 * Superdesk routes it, with no privilege, so any signed-in user could read the hashes; clients
 * are managed with the `auth_server:*` commands, as Superdesk documents.
 */
import { Type } from "@sinclair/typebox";
import { ValidationError } from "../errors.ts";
import { fitsBcrypt, hashPassword, MAX_PASSWORD_BYTES, verifyPassword } from "../auth/password.ts";
import { newObjectId } from "../resources/ids.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { base64Url } from "./access_token.ts";
import { AUTH_SERVER_SCOPES, unknownScopes } from "./auth_server_scopes.ts";

/** The stored clients; not routed. */
export const authServerClientsResource = defineResource({
  name: "auth_server_clients",
  schema: Type.Object({
    name: Type.String({ minLength: 1 }),
    password: Type.String({ minLength: 1 }),
    scope: Type.Array(Type.Union(AUTH_SERVER_SCOPES.map((scope) => Type.Literal(scope)))),
  }),
  uniqueFields: ["name"],
  internal: true,
});

/** A client as commands show it: never its hash. */
export interface ClientSummary {
  client_id: string;
  name: string;
  scope: string[];
}

/** What registering or updating a client takes. */
export interface ClientInput {
  name?: string;
  /** The secret; generated when absent (or empty). */
  password?: string;
  scope?: readonly string[];
}

/** A client id: ObjectId-style, 24 hex digits. */
const CLIENT_ID = /^[0-9a-f]{24}$/;

/** Registers, changes, removes and authenticates clients. */
export class AuthServerClientsService extends ResourceService {
  constructor(ctx: ServiceContext) {
    super(authServerClientsResource, ctx);
  }

  /**
   * Registers a client with `clientId` (a new id when absent); returns it with its secret, the
   * given one or a generated one, which only this answer holds in the clear.
   */
  async register(
    input: ClientInput & { name: string; clientId?: string },
  ): Promise<{ client: ClientSummary; password: string }> {
    const id = input.clientId === undefined ? newObjectId() : clientId(input.clientId);
    const password = input.password || generatedSecret();
    const [stored] = await this.create([{
      _id: id,
      name: clientName(input.name),
      password: await this.#hash(password),
      scope: scopes(input.scope ?? []),
    }]);
    return { client: summary(stored!), password };
  }

  /**
   * Changes the name, secret or scopes of client `id` (NotFoundError when unknown); a given
   * empty `password` makes a new secret, returned once.
   */
  async change(
    id: string,
    input: ClientInput,
  ): Promise<{ client: ClientSummary; password?: string }> {
    const updates: Doc = {};
    if (input.name !== undefined) updates.name = clientName(input.name);
    if (input.scope !== undefined) updates.scope = scopes(input.scope);
    const password = input.password === undefined ? undefined : input.password || generatedSecret();
    if (password !== undefined) updates.password = await this.#hash(password);
    const stored = await this.update(clientId(id), updates);
    return { client: summary(stored), password };
  }

  /** Removes client `id`; false when there was none. */
  async unregister(id: string): Promise<boolean> {
    const lower = id.trim().toLowerCase(); // as `clientId` reads ids for register and change
    return CLIENT_ID.test(lower) && await this.delete(lower);
  }

  /** Every client, by name. */
  async summaries(): Promise<ClientSummary[]> {
    const { items } = await this.find({ page: 1, maxResults: 10_000, sort: [["name", 1]] });
    return items.map(summary);
  }

  /**
   * The client `id` when `secret` is its secret, else null. An unknown or malformed id, and a
   * secret bcrypt cannot hold, cost one bcrypt comparison like a wrong secret, so neither the
   * answer nor its time tells an unknown client from a wrong secret.
   */
  async authenticate(id: string, secret: string): Promise<ClientSummary | null> {
    const known = CLIENT_ID.test(id) ? await this.findOne({ _id: id }) : null;
    const hash = known && fitsBcrypt(secret) ? known.password : undefined;
    const matches = await verifyPassword(secret, hash, this.ctx.config.bcryptWorkFactor);
    return matches && known ? summary(known) : null;
  }

  async #hash(password: string): Promise<string> {
    if (password.length < this.ctx.config.passwordMinLength) {
      throw new ValidationError({
        password: `min length is ${this.ctx.config.passwordMinLength} characters`,
      });
    }
    if (!fitsBcrypt(password)) {
      throw new ValidationError({ password: `max length is ${MAX_PASSWORD_BYTES} bytes` });
    }
    return await hashPassword(password, this.ctx.config.bcryptWorkFactor);
  }
}

/** `id` lowercased, or a 400 unless it is 24 hex digits. */
function clientId(id: string): string {
  const lower = id.trim().toLowerCase();
  if (!CLIENT_ID.test(lower)) {
    throw new ValidationError({ client_id: "must be 24 hexadecimal digits (an ObjectId)" });
  }
  return lower;
}

function clientName(name: string): string {
  if (!name.trim()) throw new ValidationError({ name: "empty values not allowed" });
  return name.trim();
}

/** The distinct scopes of `values`, or a 400 naming the unknown ones. */
function scopes(values: readonly string[]): string[] {
  const unknown = unknownScopes(values);
  if (unknown.length > 0) {
    throw new ValidationError({
      scope: `unallowed values ${unknown.join(", ")} (allowed: ${AUTH_SERVER_SCOPES.join(", ")})`,
    });
  }
  return [...new Set(values)];
}

/** A random secret of 192 bits. */
function generatedSecret(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(24)));
}

function summary(doc: Doc): ClientSummary {
  return {
    client_id: String(doc._id),
    name: String(doc.name),
    scope: Array.isArray(doc.scope) ? doc.scope.map(String) : [],
  };
}
