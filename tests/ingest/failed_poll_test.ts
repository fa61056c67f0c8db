/**
 * A failed poll does not move the point the next poll starts from (Superdesk's `update_provider`
 * writes `last_updated` only once the feeding service's generator completes): a story published
 * between the last complete poll and a failed one is fetched by the next poll.
 */
import assert from "node:assert/strict";
import { ingestTest, items } from "./_ingest_room.ts";

const NS = `xmlns="http://iptc.org/std/nar/2006-10-01/"`;

/** Reuters' `YYYY.MM.DD.HH.mm` (UTC) read back. */
function reutersTime(text: string): number {
  const [y, mo, d, h, mi] = text.split(".").map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!);
}

/**
 * Reuters' API as the test's own server: one channel whose items are listed by the date range
 * asked (publication times inside it); the channel list answers 503 while `down` is set.
 */
function startReuters(stories: { id: string; at: Date }[]) {
  const state = { down: false, ranges: [] as string[] };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const url = new URL(request.url);
    const q = url.searchParams;
    if (url.pathname === "/login") return new Response("<authToken>tok</authToken>");
    if (q.get("token") !== "tok") return new Response("no token", { status: 401 });
    if (url.pathname === "/xml/channels") {
      if (state.down) return new Response("unavailable", { status: 503 });
      return new Response(
        "<availableChannels><channelInformation><alias>WORLD</alias></channelInformation></availableChannels>",
      );
    }
    if (url.pathname === "/xml/items") {
      const range = q.get("dateRange") ?? "";
      state.ranges.push(range);
      const [from, to] = range.split("-").map(reutersTime);
      const found = stories.filter((s) => s.at.getTime() >= from! && s.at.getTime() <= to!);
      const results = found.map((s) => `<result><id>${s.id}</id></result>`).join("");
      const token = found.length ? "<pollToken>pt</pollToken>" : "";
      return new Response(`<results><status code="10"/>${token}${results}</results>`);
    }
    const story = stories.find((s) => s.id === q.get("id"));
    if (!story) return new Response("not found", { status: 404 });
    return new Response(
      `<newsMessage ${NS}><itemSet><newsItem guid="${story.id}" version="1"><itemMeta>
      <itemClass qcode="ninat:text"/><versionCreated>${story.at.toISOString()}</versionCreated>
      </itemMeta><contentMeta><headline>${story.id}</headline></contentMeta></newsItem>
      </itemSet></newsMessage>`,
    );
  });
  const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  return { state, base, close: () => server.shutdown() };
}

ingestTest(
  "a poll that fails (source 503) keeps last_updated, so the next poll fetches what was published since the last complete one",
  async (room) => {
    const minute = 60_000;
    const t0 = new Date(Math.floor(Date.now() / minute) * minute - 30 * minute);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);
    const api = startReuters([{ id: "between", at: at(5) }]);
    try {
      const provider = await room.provider({
        name: "reuters",
        source: "reuters",
        feeding_service: "reuters_http",
        feed_parser: "newsml2",
        content_expiry: 24 * 60,
        config: {
          url: `${api.base}/xml`,
          auth_url: `${api.base}/login`,
          username: "u",
          password: "p",
        },
      });
      const first = await room.poll(provider._id, { now: () => at(0) });
      assert.deepEqual({ stored: first.stored, failed: first.failed }, {
        stored: 0,
        failed: undefined,
      });
      const complete = await room.get(`/api/ingest_providers/${provider._id}`);
      api.state.down = true;
      const failed = await room.poll(provider._id, { now: () => at(10) });
      assert.equal(failed.failed?.code, 4000, failed.failed?.message);
      const after = await room.get(`/api/ingest_providers/${provider._id}`);
      assert.equal(after.last_updated, complete.last_updated, "the failed poll moved last_updated");
      assert.equal(after.error_count, 1);
      assert.match(after.last_error.message, /503/);
      api.state.down = false;
      const next = await room.poll(provider._id, { now: () => at(20) });
      assert.equal(next.stored, 1, JSON.stringify(api.state.ranges));
      assert.deepEqual(items(await room.get("/api/ingest")).map((item) => item.guid), [
        "between",
      ]);
      assert.equal(
        (await room.get(`/api/ingest_providers/${provider._id}`)).error_count,
        0,
      );
    } finally {
      await api.close();
    }
  },
);
