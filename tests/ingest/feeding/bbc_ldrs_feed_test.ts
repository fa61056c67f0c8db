import assert from "node:assert/strict";
import { bbcLdrsService } from "../../../src/ingest/feeding/bbc_ldrs_feed_service.ts";
import { bbcNinjsParser } from "../../../src/ingest/parsers/bbc_ninjs_parser.ts";
import type { Doc } from "../../../src/storage/document_store.ts";
import { ingestFailure, pollOnce } from "../_poll.ts";

/** When the polls of most cases run. */
const NOW = new Date("2026-12-06T09:30:00Z");

/** Story `n` of the LDRS API, in the BBC's NINJS. */
function story(n: number) {
  return {
    id: n,
    uri: `https://ldrs.example/stories/${n}`,
    type: "story",
    firstcreated: "2026-12-06T09:10:00",
    versioncreated: "2026-12-06T09:40:00",
    urgency: 3,
    pubstatus: "usable",
    language: "en",
    headline: `Council story ${n}`,
    body_html: `<p>Story ${n}.</p>`,
  };
}

/**
 * The LDRS API as the test's own server: `total` stories, pages by `offset`/`limit`, the key
 * `k-1` required in `apikey`; `answer` replaces every page's body when given.
 */
function ldrsApi(total: number, answer?: string) {
  const outage: { at?: string } = {};
  const seen: { params: Record<string, string>; apikey: string | null }[] = [];
  const server: Deno.HttpServer = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request): Response => {
      const url = new URL(request.url);
      const params = Object.fromEntries(url.searchParams);
      seen.push({ params, apikey: request.headers.get("apikey") });
      if (url.pathname === "/elsewhere") return new Response(JSON.stringify({ total: 0 }));
      if (request.headers.get("apikey") !== "k-1") return new Response("no key", { status: 401 });
      if (url.pathname === "/moved") {
        return Response.redirect(`http://localhost:${port}/elsewhere`, 302);
      }
      if (answer !== undefined) return new Response(answer);
      if (outage.at !== undefined && params.offset === outage.at) {
        return new Response("down", { status: 503 });
      }
      const offset = Number(params.offset ?? 0);
      const limit = Number(params.limit ?? 10);
      const stories = [];
      for (let n = offset + 1; n <= Math.min(total, offset + limit); n++) stories.push(story(n));
      return new Response(JSON.stringify({ total, limit, offset, item: stories }));
    },
  );
  const port: number = (server.addr as Deno.NetAddr).port;
  const provider = (config: Record<string, string> = {}): Doc => ({
    source: "bbc",
    last_updated: new Date("2026-12-06T09:00:00Z"), // not the start: the private state's is
    config: { url: `http://127.0.0.1:${port}/v1/item`, api_key: "k-1", ...config },
  });
  /** One poll of `from` (this API's provider unless told) with the BBC's parser. */
  const poll = (
    { from = provider(), state, now }: { from?: Doc; state?: Doc; now?: Date } = {},
  ) => pollOnce(bbcLdrsService, from, { parser: bbcNinjsParser, state, now });
  return { seen, provider, poll, port, outage, close: () => server.shutdown() };
}

type LdrsApi = ReturnType<typeof ldrsApi>;

/** Registers `name`: `fn` on an LDRS API of `total` stories (`answer` as in `ldrsApi`), closed after. */
function ldrsTest(
  name: string,
  fn: (api: LdrsApi) => Promise<void>,
  { total = 0, answer }: { total?: number; answer?: string } = {},
) {
  Deno.test(name, async () => {
    const api = ldrsApi(total, answer);
    try {
      await fn(api);
    } finally {
      await api.close();
    }
  });
}

ldrsTest(
  "bbc_ldrs: pages of ten since the last full poll, with the key, until the total",
  async (api) => {
    const state = { since: "2026-12-06T08:00:00.000Z" };
    const polled = await api.poll({ state, now: NOW });
    assert.deepEqual(state, { since: NOW.toISOString() }, "moved once the last page is stored");
    assert.deepEqual(polled.problems, []);
    assert.deepEqual(polled.batches, ["offset 0", "offset 10", "offset 20"]);
    assert.equal(polled.items.length, 23);
    assert.equal(polled.items[22]!.headline, "Council story 23");
    assert.deepEqual(api.seen.map((s) => s.params.offset), ["0", "10", "20"]);
    for (const { params, apikey } of api.seen) {
      assert.equal(apikey, "k-1");
      assert.deepEqual({ start: params.start, limit: params.limit }, {
        start: "2026-12-06T08:00:00",
        limit: "10",
      });
    }
  },
  { total: 23 },
);

ldrsTest(
  "bbc_ldrs: nothing new is one request and no batch; a first poll starts at 1970",
  async (api) => {
    const polled = await api.poll({ from: { ...api.provider(), last_updated: undefined } });
    assert.deepEqual(polled.batches, []);
    assert.deepEqual(api.seen.map((s) => s.params.start), ["1970-01-01T00:00:00"]);
  },
);

ldrsTest(
  "bbc_ldrs: the key is checked on save and never sent to another origin",
  async (api) => {
    await bbcLdrsService.test(api.provider(), bbcNinjsParser);
    assert.deepEqual(api.seen.at(-1)!.params, { limit: "1", fields: "id" });
    const refused = await ingestFailure(() =>
      bbcLdrsService.test(api.provider({ api_key: "bad" }), undefined)
    );
    assert.equal(refused.code, 4007);
    const missing = await ingestFailure(() =>
      bbcLdrsService.test(api.provider({ api_key: "" }), undefined)
    );
    assert.equal(missing.code, 2001);
    for (const [url, code] of [["ldrs.example/v1", 2001], ["http://[bad/v1", 4003]] as const) {
      const error = await ingestFailure(() =>
        bbcLdrsService.test(api.provider({ url }), undefined)
      );
      assert.equal(error.code, code, url);
    }
    await api.poll({ from: api.provider({ url: `http://127.0.0.1:${api.port}/moved` }) });
    assert.deepEqual(api.seen.at(-1)!.apikey, null, "localhost is another origin");
  },
  { total: 1 },
);

Deno.test("bbc_ldrs: an answer without a total or not JSON is 1001", async () => {
  for (const answer of ['{"item": []}', "<html>", '{"total": "12"}', "null"]) {
    const api = ldrsApi(0, answer);
    try {
      assert.equal((await ingestFailure(() => api.poll())).code, 1001, answer);
    } finally {
      await api.close();
    }
  }
});

ldrsTest(
  "bbc_ldrs: after a poll that fails part-way, the next asks from the last full poll",
  async (api) => {
    const state = {};
    const poll = (now: Date, lastUpdated: Date) =>
      api.poll({ from: { ...api.provider(), last_updated: lastUpdated }, state, now });
    const first = new Date("2026-12-06T08:00:00Z");
    const second = new Date("2026-12-06T09:00:00Z");
    assert.equal((await poll(first, first)).items.length, 23);
    api.outage.at = "10";
    assert.equal((await ingestFailure(() => poll(second, first))).code, 4000);
    api.outage.at = undefined;
    // The start is the private state's, whatever last_updated says.
    assert.equal((await poll(new Date("2026-12-06T10:00:00Z"), second)).items.length, 23);
    assert.deepEqual(api.seen.map((s) => `${s.params.start} ${s.params.offset}`), [
      "1970-01-01T00:00:00 0",
      "1970-01-01T00:00:00 10",
      "1970-01-01T00:00:00 20",
      "2026-12-06T08:00:00 0",
      "2026-12-06T08:00:00 10",
      "2026-12-06T08:00:00 0",
      "2026-12-06T08:00:00 10",
      "2026-12-06T08:00:00 20",
    ]);
  },
  { total: 23 },
);

ldrsTest(
  "bbc_ldrs: a total no feed reaches stops the poll after 1000 pages",
  async (api) => {
    const polled = await api.poll({ now: NOW });
    assert.equal(api.seen.length, 1000);
    assert.equal(api.seen.at(-1)!.params.offset, "9990");
    assert.equal(polled.items.length, 0);
    assert.deepEqual(polled.state, { since: NOW.toISOString() }, "the next poll starts from this");
  },
  { answer: JSON.stringify({ total: Number.MAX_SAFE_INTEGER, item: [] }) },
);

ldrsTest(
  "bbc_ldrs: a page the parser cannot read is a 1001 problem and the poll goes on",
  async (api) => {
    const polled = await api.poll({ now: NOW });
    assert.deepEqual(polled.batches, ["offset 0"]);
    assert.deepEqual(polled.problems.map((p) => p.code), [1001]);
    assert.deepEqual(polled.state, { since: NOW.toISOString() });
  },
  { answer: '{"total": 5, "item": 7}' },
);
