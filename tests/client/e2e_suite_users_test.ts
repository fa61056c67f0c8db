/**
 * superdesk-client-core's Protractor spec users_spec "users list: can disable user", replayed as
 * the client sends it, on the embedded default and on the real engines (client paths at
 * superdesk-client-core 997d498a4): the list's "Disable user" action (scripts/apps/users/config.ts:
 * `delete/user`) runs `UserDeleteCommand` (scripts/apps/users/controllers/UserDeleteCommand.ts),
 * which DELETEs the user and then reads it back with `api.users.getById`; the list then shows it
 * with a "disabled" label (scripts/apps/users/views/user-list-item.html:14, `!user.is_enabled`).
 * Superdesk's `UsersService.delete` disables the account instead of removing it.
 */
import assert from "node:assert/strict";
import { clientSocket, items, ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest("users list: can disable user", async (t, { server, session: { auth, url, post } }) => {
  const user = await post("users", {
    username: "jane",
    first_name: "Jane",
    last_name: "Doe",
    email: "jane@example.com",
    password: "jane-password-1",
  });
  const userUrl = `${url("users")}/${user._id}`;
  // Jane is signed in when she is disabled: her token must stop working at once.
  const janeLogin = ok(
    await send(url("auth_db"), {
      method: "POST",
      body: { username: "jane", password: "jane-password-1" },
    }),
    201,
    "jane signs in",
  );
  const janeAuth = `Basic ${btoa(`${janeLogin.token}:`)}`;
  ok(await send(userUrl, { auth: janeAuth }), 200, "jane reads herself before");
  const socket = clientSocket(server);
  await socket.opened;
  try {
    await t.step("DELETE answers 204, the user_disabled event follows", async () => {
      const answer = await send(userUrl, {
        method: "DELETE",
        auth,
        headers: { "If-Match": user._etag },
      });
      assert.equal(answer.status, 204);
      await socket.events.until(
        (frames) =>
          frames.some((frame) =>
            frame.event === "user_disabled" && frame.extra.user_id === user._id
          ),
        "user_disabled for the user",
      );
    });

    await t.step("getById reads the user back, disabled and inactive", async () => {
      const read = ok(await send(userUrl, { auth }), 200, "getById");
      assert.equal(read.is_enabled, false);
      assert.equal(read.is_active, false);
      assert.equal(read.username, "jane");
    });

    await t.step("the users list (filter All) still lists the user", async () => {
      const listed = items(await send(`${url("users")}?max_results=200`, { auth }), "users");
      const jane = listed.find((doc) => doc._id === user._id);
      assert.equal(jane?.is_enabled, false);
    });

    await t.step("the disabled user's signed-in token no longer works", async () => {
      const answer = await send(userUrl, { auth: janeAuth });
      assert.equal(answer.status, 401);
    });

    await t.step("a second DELETE answers 204 and the user stays disabled", async () => {
      const current = ok(await send(userUrl, { auth }), 200, "getById");
      const again = await send(userUrl, {
        method: "DELETE",
        auth,
        headers: { "If-Match": current._etag },
      });
      assert.equal(again.status, 204);
      const read = ok(await send(userUrl, { auth }), 200, "getById");
      assert.equal(read.is_enabled, false);
    });

    await t.step("the username stays taken", async () => {
      const dup = await send(url("users"), {
        method: "POST",
        auth,
        body: { username: "jane", email: "jane2@example.com", password: "jane-password-2" },
      });
      assert.equal(dup.status, 400);
      assert.ok(JSON.stringify(dup.body._issues).includes("username"), JSON.stringify(dup.body));
    });

    await t.step("the disabled user cannot sign in", async () => {
      const login = await send(url("auth_db"), {
        method: "POST",
        body: { username: "jane", password: "jane-password-1" },
      });
      assert.notEqual(login.status, 201);
    });
  } finally {
    await socket.close();
  }
});
