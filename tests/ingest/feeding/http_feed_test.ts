import assert from "node:assert/strict";
import { MAX_REDIRECTS } from "../../../src/ingest/feeding/follow_redirects.ts";
import { httpService, rssService } from "../../../src/ingest/feeding/http_feed_services.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { ninjsParser } from "../../../src/ingest/parsers/ninjs_parser.ts";
import { startFeedServer } from "../_feed_server.ts";
import { fixture } from "../_fixtures.ts";
import { pollOnce } from "../_poll.ts";
import { type Network, parseNetworks } from "../../../src/net/address_policy.ts";

/** The test servers' network, allowed where a test's feed links to them. */
const LOOPBACK = parseNetworks("127.0.0.0/8, ::1") as Network[];

const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, sanitizeResources: false, sanitizeOps: false, fn });

test("rss: conditional GET with ETag: a second poll of an unchanged feed gets 304 and no items", async () => {
  const server = startFeedServer();
  try {
    server.set("/world.rss", { body: fixture("rss_world.xml"), etag: '"v1"' });
    const provider = { source: "Northwind", config: { url: `${server.url}/world.rss` } };
    const first = await pollOnce(rssService, provider);
    assert.equal(first.items.length, 7);
    assert.deepEqual(first.state, {
      url: `${server.url}/world.rss`,
      etag: '"v1"',
      last_modified: null,
    });
    const second = await pollOnce(rssService, provider, { state: first.state });
    assert.deepEqual(second.items, []);
    assert.deepEqual(second.batches, []);
    assert.equal(server.requests[1]!.ifNoneMatch, '"v1"');
    server.set("/world.rss", { body: fixture("rss_bad_entries.xml"), etag: '"v2"' });
    const third = await pollOnce(rssService, provider, { state: second.state });
    assert.deepEqual(third.items.map((item) => item.guid), ["nw-sport-1", "nw-sport-4"]);
    assert.equal(third.problems.length, 2);
    assert.equal(third.state.etag, '"v2"');
  } finally {
    await server.close();
  }
});

test("rss: Last-Modified is sent back as If-Modified-Since; validators are saved only on commit", async () => {
  const server = startFeedServer();
  try {
    const lastModified = "Tue, 06 Jan 2026 10:00:00 GMT";
    server.set("/tech.atom", { body: fixture("atom_tech.xml"), lastModified });
    const provider = { config: { url: `${server.url}/tech.atom` } };
    const state = {};
    const generator = rssService.poll({
      provider,
      state,
      signal: new AbortController().signal,
      log: (await import("../../../src/log.ts")).silentLogger,
      now: new Date(),
    });
    const batch = (await generator.next()).value!;
    assert.equal(batch.result.items.length, 3);
    assert.deepEqual(state, {}, "nothing saved before the items are stored");
    await batch.commit(false);
    assert.equal((await generator.next()).done, true);
    const again = await pollOnce(rssService, provider, { state });
    assert.deepEqual(again.items, []);
    assert.equal(server.requests[1]!.ifModifiedSince, lastModified);
  } finally {
    await server.close();
  }
});

test("rss: credentials go as Basic auth; failures carry Superdesk's codes", async () => {
  const server = startFeedServer();
  try {
    server.set("/private.rss", { body: fixture("rss_world.xml") });
    server.requireAuth("agency", "s3cret");
    const url = `${server.url}/private.rss`;
    const code = async (config: Record<string, unknown>) => {
      try {
        await pollOnce(rssService, { config });
        return 0;
      } catch (error) {
        assert.ok(error instanceof IngestError, String(error));
        return error.code;
      }
    };
    assert.equal(await code({ url }), 4007);
    assert.equal(
      await code({ url, auth_required: true, username: "agency", password: "wrong" }),
      4007,
    );
    const ok = await pollOnce(rssService, {
      config: { url, auth_required: true, username: "agency", password: "s3cret" },
    });
    assert.equal(ok.items.length, 7);
    assert.equal(
      await code({ url: `${server.url}/missing.rss`, username: "agency", password: "s3cret" }),
      4006,
    );
    assert.equal(await code({ url: "ftp://example.invalid/feed" }), 2001);
    // A host no request can name (a space; a code point IDNA cannot encode) is a request error.
    assert.equal(await code({ url: "http://exa mple.invalid/feed" }), 4003);
    assert.equal(await code({ url: "http://\u0378.example/feed" }), 4003);
    const closed = startFeedServer();
    const closedUrl = `${closed.url}/x.rss`;
    await closed.close();
    assert.equal(await code({ url: closedUrl }), 4009);
  } finally {
    await server.close();
  }
});

test("rss: redirects are followed, a loop is 4002, credentials stay with the first origin", async () => {
  const server = startFeedServer();
  const other = startFeedServer();
  try {
    server.set("/feed.rss", { body: fixture("rss_world.xml") });
    server.redirect("/old.rss", "/feed.rss");
    server.redirect("/loop.rss", "/loop.rss");
    server.redirect("/away.rss", `${other.url}/feed.rss`);
    other.set("/feed.rss", { body: fixture("rss_world.xml") });
    const moved = await pollOnce(rssService, { config: { url: `${server.url}/old.rss` } });
    assert.equal(moved.items.length, 7);
    await assert.rejects(
      pollOnce(rssService, { config: { url: `${server.url}/loop.rss` } }),
      (error) => error instanceof IngestError && error.code === 4002,
    );
    assert.equal(
      server.requests.filter(({ path }) => path === "/loop.rss").length,
      MAX_REDIRECTS + 1,
    );
    const credentials = { auth_required: true, username: "agency", password: "s3cret" };
    const away = await pollOnce(rssService, {
      config: { url: `${server.url}/away.rss`, ...credentials },
    });
    assert.equal(away.items.length, 7);
    assert.ok(server.requests.at(-1)!.authorization, "the first origin gets the credentials");
    assert.equal(other.requests.at(-1)!.authorization, null, "another origin does not");
  } finally {
    await server.close();
    await other.close();
  }
});

test("http: a next page on another origin gets no credentials; a redirect to no URL is 4000", async () => {
  const server = startFeedServer();
  const other = startFeedServer();
  try {
    const story = { guid: "urn:x:1", type: "text", headline: "One", versioncreated: "2026-01-06" };
    server.set("/api/items", {
      body: JSON.stringify({ _items: [story], _links: { next: { href: `${other.url}/p2` } } }),
      contentType: "application/json",
    });
    other.set("/p2", { body: JSON.stringify({ _items: [] }), contentType: "application/json" });
    const credentials = { auth_required: true, username: "agency", password: "s3cret" };
    await pollOnce(httpService, { config: { url: `${server.url}/api/items`, ...credentials } }, {
      parser: ninjsParser,
      contentNetworks: LOOPBACK,
    });
    assert.ok(server.requests.at(-1)!.authorization, "the provider's origin gets the credentials");
    assert.equal(other.requests.length, 1);
    assert.equal(other.requests[0]!.authorization, null, "another origin does not");
    server.redirect("/bad.rss", "http://[bad");
    server.redirect("/file.rss", "file:///etc/passwd");
    for (const path of ["/bad.rss", "/file.rss"]) {
      await assert.rejects(
        pollOnce(rssService, { config: { url: `${server.url}${path}` } }),
        (error) => error instanceof IngestError && error.code === 4000,
      );
    }
  } finally {
    await server.close();
    await other.close();
  }
});

test("rss: a feed that is not XML is reported with 1001 and nothing is stored", async () => {
  const server = startFeedServer();
  try {
    server.set("/broken.rss", { body: fixture("rss_not_xml.xml"), etag: '"b"' });
    const polled = await pollOnce(rssService, { config: { url: `${server.url}/broken.rss` } });
    assert.deepEqual(polled.items, []);
    assert.equal(polled.problems[0]?.code, 1001);
    assert.deepEqual(polled.state, {}, "a failed feed keeps no validators, so it is read again");
  } finally {
    await server.close();
  }
});

test("http: a NINJS API is followed page by page through _links.next", async () => {
  const server = startFeedServer();
  try {
    const page = (items: unknown[], next?: string) =>
      JSON.stringify({ _items: items, _links: next ? { next: { href: next } } : {} });
    const story = (n: number) => ({
      guid: `urn:northwind:api:${n}`,
      type: "text",
      headline: `Story ${n}`,
      versioncreated: "2026-01-06T10:00:00+0000",
    });
    server.set("/api/items", {
      body: page([story(1), story(2)], "/api/items?page=2"),
      contentType: "application/json",
      etag: '"p1"',
    });
    server.set("/api/items?page=2", {
      body: page([story(3), { type: "text" }], `${server.url}/api/items?page=3`),
      contentType: "application/json",
    });
    server.set("/api/items?page=3", { body: page([story(4)]), contentType: "application/json" });
    const provider = { config: { url: `${server.url}/api/items` } };
    const polled = await pollOnce(httpService, provider, { parser: ninjsParser });
    assert.deepEqual(polled.batches.length, 3);
    assert.deepEqual(polled.items.map((item) => item.headline), [
      "Story 1",
      "Story 2",
      "Story 3",
      "Story 4",
    ]);
    assert.equal(polled.problems.length, 1);
    assert.equal(polled.state.etag, '"p1"');
    const again = await pollOnce(httpService, provider, {
      parser: ninjsParser,
      state: polled.state,
    });
    assert.equal(again.batches.length, 0);
  } finally {
    await server.close();
  }
});

test("http: a next page whose link names loopback (on another origin than the provider's) or a metadata address is not followed (a 4000 problem, the pages read kept) unless INGEST_CONTENT_URL_ALLOWED_NETWORKS allows it, on every redirect", async () => {
  const server = startFeedServer();
  try {
    const story = (n: number) => ({
      guid: `urn:x:${n}`,
      type: "text",
      headline: `Story ${n}`,
      versioncreated: "2026-01-06T10:00:00+0000",
    });
    const page = (n: number, next?: string) =>
      JSON.stringify({ _items: [story(n)], _links: next ? { next: { href: next } } : {} });
    // The same server under another origin (`localhost`): the provider did not name it.
    const elsewhere = server.url.replace("127.0.0.1", "localhost");
    server.set("/api/items", {
      body: page(1, `${elsewhere}/api/items?page=2`),
      contentType: "application/json",
    });
    server.set("/api/items?page=2", { body: page(2), contentType: "application/json" });
    server.set("/same", { body: page(1, "/same?page=2"), contentType: "application/json" });
    server.set("/same?page=2", { body: page(2), contentType: "application/json" });
    server.set("/meta", {
      body: page(1, "http://169.254.169.254/latest/meta-data/"),
      contentType: "application/json",
    });
    server.set("/escape", { body: page(1, "/hop"), contentType: "application/json" });
    server.redirect("/hop", "http://169.254.169.254/latest/meta-data/");
    const poll = (path: string, contentNetworks?: Network[]) =>
      pollOnce(httpService, { config: { url: `${server.url}${path}` } }, {
        parser: ninjsParser,
        contentNetworks,
      });

    const refused = await poll("/api/items");
    assert.deepEqual(refused.items.map((item) => item.headline), ["Story 1"]);
    assert.equal(refused.problems.length, 1);
    assert.equal(refused.problems[0]!.code, 4000);
    assert.match(refused.problems[0]!.message, /loopback.*INGEST_CONTENT_URL_ALLOWED_NETWORKS/);
    assert.ok(!server.requests.some(({ path }) => path === "/api/items?page=2"), "not asked");
    assert.deepEqual(refused.state, {}, "the feed is read again next time");

    const metadata = await poll("/meta", LOOPBACK);
    assert.deepEqual(metadata.items.length, 1);
    assert.match(metadata.problems[0]!.message, /169\.254\.169\.254.*link-local/);

    const escape = await poll("/escape", LOOPBACK);
    assert.ok(server.requests.some(({ path }) => path === "/hop"), "the allowed hop is asked");
    assert.match(
      escape.problems[0]!.message,
      /169\.254\.169\.254.*link-local/,
      "its redirect is not",
    );

    const allowed = await poll("/api/items", LOOPBACK);
    assert.deepEqual(allowed.items.map((item) => item.headline), ["Story 1", "Story 2"]);
    assert.deepEqual(allowed.problems, []);

    // The provider's own origin is the administrator's choice: its next pages need no allowance.
    const same = await poll("/same");
    assert.deepEqual(same.items.map((item) => item.headline), ["Story 1", "Story 2"]);
    assert.deepEqual(same.problems, []);
  } finally {
    await server.close();
  }
});
