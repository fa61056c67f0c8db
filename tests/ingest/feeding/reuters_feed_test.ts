import assert from "node:assert/strict";
import { reutersService } from "../../../src/ingest/feeding/reuters_feed_service.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { newsmlG2Parser } from "../../../src/ingest/parsers/newsml_g2_parser.ts";
import { pollOnce } from "../_poll.ts";

const NS = `xmlns="http://iptc.org/std/nar/2006-10-01/"`;

/** A NewsML G2 message holding one news item (`picture` ones with a rendition). */
function newsItem(guid: string, type: "text" | "picture") {
  const content = type === "picture"
    ? `<contentSet><remoteContent rendition="rend:baseImage" contenttype="image/jpeg"
        href="https://content.example/${guid}/base.jpg?old=1" width="400" height="300"/></contentSet>`
    : "";
  return `<newsMessage ${NS}><itemSet><newsItem guid="${guid}" version="1">
    <itemMeta><itemClass qcode="ninat:${type}"/><versionCreated>2026-12-06T09:00:00Z</versionCreated>
    </itemMeta><contentMeta><headline>${guid}</headline></contentMeta>${content}</newsItem>
    </itemSet></newsMessage>`;
}

const PACKAGE = `<newsMessage ${NS}><itemSet><packageItem guid="pkg" version="2">
  <itemMeta><itemClass qcode="ninat:composite"/></itemMeta><contentMeta><headline>p</headline></contentMeta>
  <groupSet root="root"><group id="root" role="grpRole:NEP"><groupRef idref="main"/></group>
  <group id="main" role="main"><itemRef residref="story"/><itemRef residref="photo"/></group>
  </groupSet></packageItem></itemSet></newsMessage>`;

/** A package whose two items together are larger than the 32 MiB a package may take. */
const BIG_PACKAGE = PACKAGE.replace('guid="pkg"', 'guid="big"')
  .replace('residref="story"', 'residref="half1"').replace('residref="photo"', 'residref="half2"');
const HALF = 16.5 * 1024 * 1024;

/**
 * Reuters' API as the test's own server: one channel, `changed` ids until the token is sent; item
 * `bad` is not XML, `down` answers 503, `half1`/`half2` are 16.5 MiB, an unknown one 404, and poll token `expired` is refused
 * (status 30, error 2100).
 */
function startApi({ changed }: { changed: string[] }) {
  const seen: string[] = [];
  const documents: Record<string, string> = {
    pkg: PACKAGE,
    story: newsItem("story", "text"),
    photo: newsItem("photo", "picture"),
    solo: newsItem("solo", "text"),
    bad: "<newsMessage",
    big: BIG_PACKAGE,
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const url = new URL(request.url);
    const q = url.searchParams;
    seen.push(url.pathname + url.search);
    if (url.pathname === "/login") {
      const ok = q.get("username") === "reuters" && q.get("password") === "s3cret";
      return ok
        ? new Response("<authToken>tok-1</authToken>")
        : new Response("denied", { status: 403 });
    }
    if (q.get("token") !== "tok-1") return new Response("no token", { status: 401 });
    if (url.pathname === "/xml/channels") {
      return new Response(
        "<availableChannels><channelInformation><alias>WORLD</alias></channelInformation></availableChannels>",
      );
    }
    if (url.pathname === "/xml/items") {
      const since = q.get("pollToken");
      if (since === "expired") {
        return new Response(
          `<results><status code="30"/><error code="2100">invalid</error></results>`,
        );
      }
      const results = since ? "" : changed.map((id) => `<result><id>${id}</id></result>`).join("");
      return new Response(
        `<results><status code="10"/><pollToken>${since ?? "pt-1"}</pollToken>${results}</results>`,
      );
    }
    if (q.get("id") === "down") return new Response("busy", { status: 503 });
    if (q.get("id")?.startsWith("half")) {
      const item = newsItem(q.get("id")!, "text");
      return new Response(item.replace("</newsItem>", `<!--${"x".repeat(HALF)}--></newsItem>`));
    }
    const document = url.pathname === "/xml/item" ? documents[q.get("id") ?? ""] : undefined;
    return document ? new Response(document) : new Response("not found", { status: 404 });
  });
  const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  return {
    seen,
    provider: (password = "s3cret") => ({
      source: "reuters",
      config: { url: `${base}/xml`, auth_url: `${base}/login`, username: "reuters", password },
    }),
    close: () => server.shutdown(),
  };
}

Deno.test("reuters_http: a changed package comes with the items it references, renditions keep the feed's href, the poll token is kept", async () => {
  const api = startApi({ changed: ["pkg", "solo"] });
  try {
    const first = await pollOnce(reutersService, api.provider(), { parser: newsmlG2Parser });
    assert.deepEqual(first.batches, ["WORLD/pkg", "WORLD/solo"]);
    assert.deepEqual(first.problems, []);
    assert.deepEqual(first.items.map((item) => item.guid).sort(), [
      "photo",
      "pkg",
      "solo",
      "story",
    ]);
    const photo = first.items.find((item) => item.guid === "photo")!;
    assert.equal(
      (photo.renditions as Record<string, { href: string }>).baseImage!.href,
      "https://content.example/photo/base.jpg?old=1",
      "the stored href is the feed's: the login token stays with the poll",
    );
    assert.deepEqual(first.state.poll_tokens, { WORLD: "pt-1" });
    assert.ok(api.seen.some((path) => path.includes("dateRange=")), "first poll asks by dates");

    const again = await pollOnce(reutersService, api.provider(), {
      parser: newsmlG2Parser,
      state: first.state,
    });
    assert.deepEqual(again.batches, []);
    assert.ok(api.seen.at(-1)!.includes("pollToken=pt-1"), api.seen.at(-1));
  } finally {
    await api.close();
  }
});

Deno.test("reuters_http: a refused login is an authorization error (4007) that does not show the password", async () => {
  const api = startApi({ changed: [] });
  try {
    let failure: unknown;
    try {
      await pollOnce(reutersService, api.provider("wrong-pass"), { parser: newsmlG2Parser });
    } catch (caught) {
      failure = caught;
    }
    assert.ok(failure instanceof IngestError);
    assert.equal(failure.code, 4007);
    assert.ok(!failure.message.includes("wrong-pass"), failure.message);
  } finally {
    await api.close();
  }
});

Deno.test("reuters_http: an item that is gone or unreadable is a problem of its own; the channel's other items and its poll token are kept", async () => {
  const api = startApi({ changed: ["gone", "solo", "bad"] });
  try {
    const polled = await pollOnce(reutersService, api.provider(), { parser: newsmlG2Parser });
    assert.deepEqual(polled.batches, ["WORLD/gone", "WORLD/solo", "WORLD/bad"]);
    assert.deepEqual(polled.items.map((item) => item.guid), ["solo"]);
    assert.deepEqual(polled.problems.map((problem) => problem.code), [4006, 1005]);
    assert.deepEqual(polled.saved?.poll_tokens, { WORLD: "pt-1" });
  } finally {
    await api.close();
  }
});

Deno.test("reuters_http: an item the API cannot serve now (503) fails the poll, which keeps the old poll token", async () => {
  const api = startApi({ changed: ["solo", "down"] });
  try {
    const state = {};
    const failure = await pollOnce(reutersService, api.provider(), {
      parser: newsmlG2Parser,
      state,
    }).then(() => undefined, (error) => error);
    assert.ok(failure instanceof IngestError);
    assert.equal(failure.code, 4000);
    assert.deepEqual(state, {}, "no poll token: the next poll asks for the same items");
  } finally {
    await api.close();
  }
});

Deno.test("reuters_http: a refused poll token (2100) is forgotten in a batch of its own, so the next poll asks by dates", async () => {
  const api = startApi({ changed: [] });
  try {
    const polled = await pollOnce(reutersService, api.provider(), {
      parser: newsmlG2Parser,
      state: { poll_tokens: { WORLD: "expired" } },
    });
    assert.deepEqual(polled.items, []);
    assert.deepEqual(polled.saved?.poll_tokens, { WORLD: null });
    await pollOnce(reutersService, api.provider(), { parser: newsmlG2Parser, state: polled.saved });
    const asked = api.seen.filter((path) => path.startsWith("/xml/items"));
    assert.ok(asked.at(-1)!.includes("dateRange="), asked.at(-1));
  } finally {
    await api.close();
  }
});

Deno.test("reuters_http: a package whose items together exceed 32 MiB is one too-large item (4003), not a poll holding them all", async () => {
  const api = startApi({ changed: ["big", "solo"] });
  try {
    const polled = await pollOnce(reutersService, api.provider(), { parser: newsmlG2Parser });
    assert.deepEqual(polled.items.map((item) => item.guid), ["solo"]);
    assert.deepEqual(polled.problems.map((problem) => problem.code), [4003]);
  } finally {
    await api.close();
  }
});
