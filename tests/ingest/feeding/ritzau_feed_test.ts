import assert from "node:assert/strict";
import { ritzauService, ritzauServiceAt } from "../../../src/ingest/feeding/ritzau_feed_service.ts";
import { silentLogger } from "../../../src/log.ts";
import { startFeedServer } from "../_feed_server.ts";
import { fixture } from "../_fixtures.ts";
import { ingestFailure, pollOnce } from "../_poll.ts";

const CREDENTIALS = { username: "desk", password: "pa55word" };
const queue = () => new TextDecoder().decode(fixture("ritzau_queue.xml"));

/** A Ritzau API of the test's own answering `answer` to the queue, and its service. */
function ritzauApi(answer: string | Uint8Array = queue()) {
  const server = startFeedServer();
  server.set("/news/NewsQueue", { body: answer });
  server.set("/news/QueueAcknowledge", { body: "<Ack><error>0</error></Ack>" });
  const service = ritzauServiceAt({
    queue: `${server.url}/news/NewsQueue`,
    acknowledge: `${server.url}/news/QueueAcknowledge`,
  });
  const params = () =>
    server.requests.map((r) => {
      const url = new URL(r.path, server.url);
      return [url.pathname, Object.fromEntries(url.searchParams)];
    });
  return { server, service, params };
}

Deno.test("ritzau: each queued story is a batch, acknowledged once it is committed", async () => {
  const api = ritzauApi();
  try {
    const polled = await pollOnce(api.service, { source: "ritzau", config: CREDENTIALS });
    assert.deepEqual(polled.problems, []);
    assert.equal(polled.batches.length, 2);
    assert.deepEqual(polled.items.map((item) => [item.guid, item.headline, item.priority]), [
      ["a41f7c2e-0b9d-4e61-8c3a-7d5e2f1b9c04", "Storebæltsbroen lukker for høje vogne", 3],
      ["c93d0e18-5f27-4b8a-a6e4-2b1c8d7f0e35", "Landsholdet henter sejr i Malmø", 4],
    ]);
    assert.match(String(polled.items[0]!.body_html), /Sund &amp; Bælt lukker broen/);
    const auth = { user: "desk", password: "pa55word" };
    assert.deepEqual(api.params(), [
      ["/news/NewsQueue", { ...auth, maksAntal: "50", waitAcknowledge: "true" }],
      ["/news/QueueAcknowledge", { ...auth, servicequeueid: "7001" }],
      ["/news/QueueAcknowledge", { ...auth, servicequeueid: "7002" }],
    ]);
  } finally {
    await api.server.close();
  }
});

Deno.test("ritzau: a provider URL is asked without holding or acknowledging", async () => {
  const api = ritzauApi();
  try {
    const config = { ...CREDENTIALS, url: `${api.server.url}/news/NewsQueue` };
    const polled = await pollOnce(ritzauService, { source: "ritzau", config });
    assert.equal(polled.items.length, 2);
    assert.deepEqual(api.params(), [
      ["/news/NewsQueue", { user: "desk", password: "pa55word", maksAntal: "50" }],
    ]);
  } finally {
    await api.server.close();
  }
});

Deno.test("ritzau: a story without ServiceQueueId is kept but not acknowledged; an unreadable one is 1001", async () => {
  const answer = queue().replace("<ServiceQueueId>7001</ServiceQueueId>", "")
    .replace("<NewsID>c93d0e18-5f27-4b8a-a6e4-2b1c8d7f0e35</NewsID>", "");
  const api = ritzauApi(answer);
  try {
    const polled = await pollOnce(api.service, { source: "ritzau", config: CREDENTIALS });
    assert.deepEqual(polled.items.map((item) => item.headline), [
      "Storebæltsbroen lukker for høje vogne",
    ]);
    assert.deepEqual(polled.problems.map((p) => p.code), [4003, 1001]);
    assert.match(polled.problems[0]!.message, /missing ServiceQueueId/);
    assert.deepEqual(api.params().slice(1), [
      ["/news/QueueAcknowledge", { user: "desk", password: "pa55word", servicequeueid: "7002" }],
    ]);
  } finally {
    await api.server.close();
  }
});

Deno.test("ritzau: API errors are 4003, missing settings 2001, and no error shows the password", async () => {
  const answers: [string, RegExp][] = [
    [
      "<R><error>12</error><errormsg>Ugyldig bruger</errormsg></R>",
      /returned by API: Ugyldig bruger/,
    ],
    ["<R><ListOfRBNews/></R>", /<error> element not found/],
    ["not xml <", /error while parsing the request answer/],
  ];
  for (const [answer, message] of answers) {
    const api = ritzauApi(answer);
    try {
      const error = await ingestFailure(() => pollOnce(api.service, { config: CREDENTIALS }));
      assert.equal(error.code, 4003);
      assert.match(error.message, message);
    } finally {
      await api.server.close();
    }
  }
  const api = ritzauApi();
  api.server.requireAuth("someone", "else");
  try {
    const refused = await ingestFailure(() => pollOnce(api.service, { config: CREDENTIALS }));
    assert.equal(refused.code, 4007);
    assert.ok(!refused.message.includes("pa55word"), refused.message);
  } finally {
    await api.server.close();
  }
  for (const config of [{ username: "desk" }, { ...CREDENTIALS, url: "ftp://ritzau.example/q" }]) {
    const error = await ingestFailure(() => ritzauService.test({ config }, undefined));
    assert.equal(error.code, 2001);
  }
});

Deno.test("ritzau: nothing is acknowledged before its batch is committed; a crash leaves it queued", async () => {
  const api = ritzauApi();
  const context = {
    provider: { source: "ritzau", config: CREDENTIALS },
    state: {},
    signal: new AbortController().signal,
    log: silentLogger,
    now: new Date(),
  };
  const acknowledged = () =>
    api.params().filter(([path]) => path === "/news/QueueAcknowledge").map(([, q]) =>
      (q as Record<string, string>).servicequeueid
    );
  try {
    const crashed = api.service.poll(context);
    const first = await crashed.next();
    assert.equal(first.done, false);
    assert.deepEqual(acknowledged(), [], "read and handed over, not yet stored");
    await crashed.return(undefined); // the poller dies between the store and the commit
    assert.deepEqual(acknowledged(), []);
    const again = api.service.poll(context);
    const batches = [];
    for await (const batch of again) {
      batches.push(batch.result.items[0]!.guid);
      assert.deepEqual(acknowledged().length, batches.length - 1);
      await batch.commit(false);
    }
    assert.deepEqual(batches, [
      "a41f7c2e-0b9d-4e61-8c3a-7d5e2f1b9c04",
      "c93d0e18-5f27-4b8a-a6e4-2b1c8d7f0e35",
    ]);
    assert.deepEqual(acknowledged(), ["7001", "7002"]);
  } finally {
    await api.server.close();
  }
});
