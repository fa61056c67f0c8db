/**
 * `superdesk users:create`: creates an active user (an administrator with `admin`) through the
 * users service, so the password is hashed and the same rules apply as over HTTP.
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

export interface NewUser {
  username: string;
  password: string;
  email: string;
  admin: boolean;
  firstName?: string;
  lastName?: string;
}

/**
 * Creates the user and returns it without its password hash. A duplicate username or email, or
 * an invalid value, throws the service's `ValidationError` naming the field.
 */
export async function createUser(registry: ResourceRegistry, user: NewUser): Promise<Doc> {
  const users = registry.service("users");
  const doc: Doc = {
    username: user.username,
    password: user.password,
    email: user.email,
    user_type: user.admin ? "administrator" : "user",
    is_active: true,
    is_enabled: true,
    needs_activation: false,
  };
  if (user.firstName !== undefined) doc.first_name = user.firstName;
  if (user.lastName !== undefined) doc.last_name = user.lastName;
  const [created] = await users.create([doc], SYSTEM_ACTOR);
  return users.toPublic(created!);
}
