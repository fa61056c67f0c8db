/**
 * The token endpoint under concurrent clients: simultaneous grants all succeed, simultaneous
 * failures cannot pass the rate limit (429 `slow_down` with `Retry-After`), and a client's name
 * stays unique when two registrations race.
 */
import assert from "node:assert/strict";
import { awayFromWindowEnd } from "../auth/_auth_fixtures.ts";
import { oauth2ClientAuthentication, validAccessToken } from "../superdesk/_auth_server_steps.ts";
import { addClient, CLIENT_ID, SECRET, withAuthServer } from "./_auth_server_fixtures.ts";

/**
 * Simultaneous attempts share the limiter's counters, each written by compare-and-set: an attempt
 * loses a round only to another attempt's write (its count or its refund), so with ten attempts
 * it loses at most 18 of its 20 rounds (`login_rate_limiter.ts`) and every grant is admitted
 * however the machine schedules them. Twenty could lose 38 and be refused (429) under load.
 */
const SIMULTANEOUS = 10;

Deno.test("ten simultaneous grants of one client all get valid tokens", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const responses = await Promise.all(
      Array.from(
        { length: SIMULTANEOUS },
        () => oauth2ClientAuthentication(t, CLIENT_ID, SECRET),
      ),
    );
    for (const response of responses) await validAccessToken(response);
  });
});

// Only the per-address-and-client limit is low: with a low per-address limit too, an attempt
// admitted by the first counter could be refused by the second (after slower attempts passed it),
// and how many reach the secret check would depend on scheduling.
Deno.test("simultaneous wrong secrets from one address stop at LOGIN_RATE_LIMIT_PER_MINUTE", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    await awayFromWindowEnd();
    const address = "10.9.0.1";
    const responses = await Promise.all(
      Array.from(
        { length: 10 },
        () => oauth2ClientAuthentication(t, CLIENT_ID, "wrong-guess", { address }),
      ),
    );
    const statuses = responses.map(({ status }) => status).sort();
    assert.deepEqual(statuses, [401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const limited = responses.find(({ status }) => status === 429)!;
    assert.equal(limited.body.error, "slow_down");
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    const right = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, { address });
    assert.equal(right.status, 429, "the guessing address waits, even with the right secret");
    const elsewhere = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, {
      address: "10.9.0.2",
    });
    await validAccessToken(elsewhere);
  }, {
    env: {
      LOGIN_RATE_LIMIT_PER_MINUTE: "3",
      LOGIN_ADDRESS_LIMIT_PER_MINUTE: "100",
      LOGIN_USER_LIMIT_PER_HOUR: "100",
    },
  });
});

Deno.test("successful grants do not use up the allowance", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    await awayFromWindowEnd();
    for (let grant = 0; grant < 5; grant++) {
      await validAccessToken(
        await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, { address: "10.9.1.1" }),
      );
    }
  }, {
    env: {
      LOGIN_RATE_LIMIT_PER_MINUTE: "2",
      LOGIN_ADDRESS_LIMIT_PER_MINUTE: "2",
      LOGIN_USER_LIMIT_PER_HOUR: "2",
    },
  });
});

Deno.test("two registrations of one name at once: one client is registered", async () => {
  await withAuthServer(async (_t, clients) => {
    const outcomes = await Promise.allSettled(
      ["0102030405060708090a0b01", "0102030405060708090a0b02"].map((clientId) =>
        clients.register({ name: "same name", clientId, password: SECRET })
      ),
    );
    assert.deepEqual(outcomes.map(({ status }) => status).sort(), ["fulfilled", "rejected"]);
    assert.equal((await clients.summaries()).length, 1);
  });
});
