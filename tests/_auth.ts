/**
 * Logs test users in through the real `POST /api/auth_db`, returning authenticated clients.
 */
import { createUser } from "../src/auth/create_user.ts";
import { SYSTEM_ACTOR } from "../src/resources/actor.ts";
import type { TestApp } from "./_app.ts";
import { type Client, clientFor } from "./_client.ts";

/** Creates a user (admin, or with `privileges` on its own record) and logs it in. */
export async function loginAs(
  app: TestApp,
  { username, admin = false, privileges }: {
    username: string;
    admin?: boolean;
    privileges?: Record<string, 0 | 1>;
  },
): Promise<Client & { token: string; userId: string }> {
  const password = `pw-${crypto.randomUUID()}`;
  const user = await createUser(app.platform.registry, {
    username,
    password,
    email: `${username}@example.com`,
    admin,
  });
  if (privileges) {
    await app.platform.registry.service("users").update(String(user._id), { privileges }, {
      actor: SYSTEM_ACTOR,
    });
  }
  const response = await clientFor(app).post("/api/auth_db", { username, password });
  if (response.status !== 201) {
    throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  }
  const session = await response.json();
  return { ...clientFor(app, session.token), token: session.token, userId: String(user._id) };
}
