/**
 * No query may hold the event loop: against a real server process on the embedded store, a
 * catastrophic `$regex` (`^(a+)+$` on a non-matching value) and a search field pattern of many
 * `*` both answer at once, and `/health` still answers after them. With a backtracking engine
 * either request freezes the process for hours (measured: 35 s for 30 characters; 20 s for 12
 * stars on a 23-character field name), so the generous deadline below fails instead.
 */
import assert from "node:assert/strict";
import { TIMED_OUT, within } from "../../src/deadline.ts";
import { startServer } from "../_server_process.ts";

/** Far beyond what these requests take when linear; far below what backtracking takes. */
const DEADLINE_MS = 60_000;

Deno.test({
  name: "a catastrophic $regex and a many-star search field pattern do not freeze the server",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const password = `pw-${crypto.randomUUID()}`;
    const server = await startServer(["--role=api"], {
      env: { SUPERDESK_ADMIN_PASSWORD: password },
    });
    const base = `http://127.0.0.1:${server.ports.api}`;
    let frozen = false;
    try {
      const login = await fetch(`${base}/api/auth_db`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      });
      assert.equal(login.status, 201);
      const { token, user } = await login.json();
      const auth = { Authorization: `Basic ${btoa(`${token}:`)}` };
      const me = await (await fetch(`${base}/api/users/${user}`, { headers: auth })).json();
      const patched = await fetch(`${base}/api/users/${user}`, {
        method: "PATCH",
        headers: { ...auth, "Content-Type": "application/json", "If-Match": me._etag },
        body: JSON.stringify({ biography: `${"a".repeat(64)}!` }),
      });
      assert.equal(patched.status, 200, await patched.text());

      const where = encodeURIComponent(JSON.stringify({ biography: { $regex: "^(a+)+$" } }));
      const source = encodeURIComponent(JSON.stringify({
        query: { query_string: { query: "budget", fields: [`${"*".repeat(40)}z`] } },
      }));
      for (
        const path of [`/api/users?where=${where}`, `/api/search?repo=archive&source=${source}`]
      ) {
        const answer = await within(fetch(`${base}${path}`, { headers: auth }), DEADLINE_MS);
        if (answer === TIMED_OUT) {
          frozen = true;
          assert.fail(`${path} did not answer within ${DEADLINE_MS} ms: the server is frozen`);
        }
        const text = await answer.text();
        assert.equal(answer.status, 200, text);
        assert.equal(JSON.parse(text)._items.length, 0);
      }
      const health = await fetch(`${base}/health`);
      assert.equal(health.status, 200);
      await health.body?.cancel();
    } finally {
      if (frozen) server.process.kill("SIGKILL");
      await server.stop();
    }
  },
});
