/**
 * `/api/search`'s answer spliced from Elasticsearch's text (`search_answer_splice.ts`) against
 * the parse path, on answers replayed without an engine: the same bytes whenever it splices;
 * the answers it must not splice (escapes, numbers or whitespace `JSON.stringify` writes
 * otherwise, keys `JSON.parse` reorders, HTML originals, other layouts) go down the parse path;
 * and thousands of mutations of real-shaped answers (seeded) either go down the parse path or
 * splice exactly what the parse path writes, never anything from text `JSON.parse` refuses.
 */
import assert from "node:assert/strict";
import { DateTimeField, defineApp, defineResource, Type } from "../../src/app_api.ts";
import { federatedSearch, federatedSearchAnswer } from "../../src/indexing/federated_search.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { parseSearchAnswer } from "../../src/search/elastic/elastic_search_call.ts";
import { searchResultOf } from "../../src/search/elastic/elastic_search_index.ts";
import type { SearchIndex } from "../../src/search/search_index.ts";
import { createTestApp, type TestApp } from "../_app.ts";

const stories = defineResource({
  name: "splice_stories",
  schema: Type.Object({
    headline: Type.String(),
    versioncreated: DateTimeField(),
    firstcreated: DateTimeField(),
  }, { additionalProperties: true }),
  hiddenFields: ["secret"],
  searchBacked: true,
});
const notes = defineResource({
  name: "splice_notes",
  schema: Type.Object({ text: Type.String() }, { additionalProperties: true }),
  searchBacked: true,
});
/** A date path below the top level: never spliced. */
const planned = defineResource({
  name: "splice_planned",
  schema: Type.Object({ plan: Type.Object({ at: DateTimeField() }) }, {
    additionalProperties: true,
  }),
  searchBacked: true,
});
const spliceModule = defineApp({
  name: "splice_test",
  register(app) {
    for (const definition of [stories, notes, planned]) app.resource(definition);
  },
});

/** A search index answering every search with `text` (status `status`). */
function replaying(text: string, status = 200): SearchIndex {
  const resourceOf = (index: string) => index.replace(/^sp_/, "").replace(/_\d+$/, "");
  const answer = { status, text };
  const parse = () => searchResultOf(parseSearchAnswer(answer), resourceOf);
  return {
    search: () => Promise.resolve().then(parse),
    searchText: () =>
      Promise.resolve({ text: status < 300 ? text : undefined, resourceOf, parse }),
  } as unknown as SearchIndex;
}

interface Hit {
  index?: string;
  id: string;
  source: string | Record<string, unknown>;
  sort?: unknown[];
  ignored?: string[];
}

/** Elasticsearch's answer text (its layout; `_source` as stored, i.e. our `JSON.stringify`). */
function esAnswer(hits: Hit[], total = hits.length): string {
  const hitTexts = hits.map((hit) => {
    const source = typeof hit.source === "string" ? hit.source : JSON.stringify(hit.source);
    return `{"_index":"sp_${hit.index ?? stories.name}_1","_id":${JSON.stringify(hit.id)},` +
      `"_score":${hit.sort ? "null" : "1.2"}${
        hit.ignored ? `,"_ignored":${JSON.stringify(hit.ignored)}` : ""
      },"_source":${source}${hit.sort ? `,"sort":${JSON.stringify(hit.sort)}` : ""}}`;
  });
  return `{"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,` +
    `"failed":0},"hits":{"total":${total},"max_score":${
      hits.length ? "1.2" : "null"
    },"hits":[${hitTexts.join(",")}]}}`;
}

/** A stored story as the index holds it. */
function story(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headline: `Story ${i} — naïve café 東京 😀 "quoted" back\\slash`,
    versioncreated: `2026-0${(i % 9) + 1}-1${i % 10}T0${i % 10}:30:15.${i}12Z`,
    firstcreated: "2026-01-02T10:00:00+02:00",
    body: "line\nbreak\ttab \u0001 \u2028 </script>",
    urgency: i,
    score: -0.25 * i,
    big: 1e21,
    subject: [{ qcode: "01000000", name: "arts" }, { qcode: "x", nested: { deep: [1, [], {}] } }],
    flags: { marked: true, none: null },
    secret: "hidden from clients",
    _created: "2026-12-07T12:15:01.066Z",
    _updated: "2026-12-07T12:15:01.066Z",
    _etag: `etag${i}`,
    ...extra,
    _resource: stories.name,
  };
}

let test: TestApp;

/** The search's dependencies with an index replaying `text`. */
function depsOf(text: string) {
  return { registry: test.platform.registry, search: replaying(text) };
}

/** A search of both plain resources. */
function plainRequest(source: Record<string, unknown> = {}, repo?: string) {
  return parseSearchRequest(
    new URLSearchParams({
      repo: repo ?? `${stories.name},${notes.name}`,
      source: JSON.stringify({ size: 25, ...source }),
    }),
    test.platform.config,
    { federated: true },
  );
}
/** The parse path's bytes and whether the splice gave the same ones (undefined: not spliced). */
async function bothWays(text: string, source: Record<string, unknown> = {}, repo?: string) {
  const request = plainRequest(source, repo);
  const deps = depsOf(text);
  const parsed = JSON.stringify(await federatedSearch(deps, SYSTEM_ACTOR, request));
  const answer = await federatedSearchAnswer(deps, SYSTEM_ACTOR, request);
  return { parsed, spliced: typeof answer === "string" ? answer : undefined };
}

/** Asserts the splice answered, byte for byte as the parse path. */
async function assertSpliced(text: string, what: string, source?: Record<string, unknown>) {
  const { parsed, spliced } = await bothWays(text, source);
  assert.ok(spliced !== undefined, `${what}: not spliced`);
  assert.equal(spliced, parsed, what);
}

/** Asserts the splice left the answer to the parse path. */
async function assertParsed(text: string, what: string, source?: Record<string, unknown>) {
  const { spliced } = await bothWays(text, source);
  assert.equal(spliced, undefined, `${what}: spliced`);
}

Deno.test({
  name: "a search answer spliced from Elasticsearch's text has the parse path's bytes",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    test = await createTestApp({ apps: [spliceModule] });
    try {
      const hits: Hit[] = Array.from({ length: 25 }, (_, i) => ({
        id: `id${i}`,
        source: story(i),
        sort: [1767345120000 - i, `k${i}`],
        ignored: i % 2 ? ["body.keyword", "headline.keyword"] : undefined,
      }));
      await t.step("spliced", async () => {
        await assertSpliced(esAnswer(hits, 133), "25 stories");
        await assertSpliced(esAnswer([], 0), "no hits");
        await assertSpliced(esAnswer([], 7), "a page past the end");
        await assertSpliced(esAnswer([{ id: "e", source: {} }]), "an empty _source");
        await assertSpliced(
          esAnswer([
            { id: "s1", source: story(1) },
            { id: "n1", index: notes.name, source: { text: "a note", _resource: notes.name } },
            { id: "s2", source: story(2, { versioncreated: null, firstcreated: "not a date" }) },
            { id: "s3", source: story(3, { versioncreated: 17, firstcreated: "2026-02-30T00:00:00Z" }) },
            { id: "s4", source: story(4, { versioncreated: "2026-03-04T05:06:07Z", "k:e\\y": 1 }) },
          ]),
          "two resources, odd dates",
        );
        await assertSpliced(esAnswer(hits.slice(0, 3)), "no size", { size: undefined });
        await assertSpliced(esAnswer(hits.slice(0, 3)), "a later page", { size: 3, from: 7 });
        await assertSpliced(esAnswer(hits.slice(0, 3)), "a query", {
          query: { match: { headline: "story" } },
          sort: [{ versioncreated: "desc" }],
        });
      });
      await t.step("left to the parse path", async () => {
        const one = (source: string) => esAnswer([{ id: "x", source }]);
        const text = esAnswer(hits.slice(0, 2));
        for (
          const [what, answer] of [
            ["an escaped slash", one('{"a":"x\\/y"}')],
            ["an escaped letter", one('{"a":"caf\\u00e9"}')],
            ["an escaped surrogate pair", one('{"a":"\\ud83d\\ude00"}')],
            ["an upper-case escape", one('{"a":"\\u001F"}')],
            ["a number with a fraction of zero", one('{"a":1.0}')],
            ["an exponent", one('{"a":1E5}')],
            ["a negative zero", one('{"a":[-0]}')],
            ["a long integer", one('{"a":12345678901234567890}')],
            ["an index key nested", one('{"a":{"b":1,"0":2}}')],
            ["an index key", one('{"b":1,"7":2}')],
            ["whitespace", one('{"a": 1}')],
            ["whitespace nested", one('{"a":[1, 2]}')],
            ["HTML originals", one('{"body":"text","_html":{"body":"<p>text</p>"}}')],
            ["a _type member", one('{"_type":"other"}')],
            ["a _links member", one('{"_links":{}}')],
            ["a __proto__ member", one('{"__proto__":{"a":1}}')],
            ["a failed shard", text.replace('"failed":0', '"failed":1')],
            ["a timeout", text.replace('"timed_out":false', '"timed_out":true')],
            ["a version", text.replace('"_score"', '"_version":3,"_score"')],
            ["a suggestion", text.slice(0, -1) + ',"suggest":{}}'],
          ] as const
        ) {
          const { parsed, spliced } = await bothWays(answer);
          assert.equal(spliced, undefined, what);
          assert.ok(parsed.startsWith('{"_items":['), what);
        }
        await assertParsed(esAnswer(hits.slice(0, 2)), "a projection", { _source: ["headline"] });
        await assertParsed(esAnswer(hits.slice(0, 2)), "aggregations", {
          aggs: { u: { terms: { field: "urgency" } } },
        });
        await assertParsed(esAnswer(hits.slice(0, 2)), "highlights", {
          highlight: { fields: { headline: {} } },
        });
        const nested = esAnswer([{ id: "p", index: planned.name, source: { plan: {} } }]);
        const { spliced } = await bothWays(nested, {}, planned.name);
        assert.equal(spliced, undefined, "a nested date path");
      });
      await t.step("an error answer is the parse path's error", async () => {
        const request = plainRequest();
        const text = '{"error":{"type":"parsing_exception","reason":"bad query"},"status":400}';
        const deps = { registry: test.platform.registry, search: replaying(text, 400) };
        await assert.rejects(federatedSearchAnswer(deps, SYSTEM_ACTOR, request), /bad query/);
      });
      await t.step("mutated answers: the parse path's bytes or the parse path", async () => {
        const bases = [
          esAnswer(hits.slice(0, 4), 133),
          esAnswer([
            { id: "n", index: notes.name, source: { text: 'a "b" \\ c', _resource: notes.name } },
            { id: "e", source: {} },
          ]),
        ];
        const pieces = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "0", "1", "-", ".", "e",
          "u", "/", "\u0001", "\n", "é", '":', "null", '"0":', "_resource", "tru", "\\u00"];
        let seed = 20;
        const random = (n: number) => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed % n;
        };
        let spliced = 0;
        let refused = 0;
        for (let round = 0; round < 4000; round++) {
          let text = bases[round % bases.length]!;
          for (let edits = 1 + random(3); edits > 0; edits--) {
            const at = random(text.length);
            const kind = random(4);
            const piece = pieces[random(pieces.length)]!;
            text = kind === 0
              ? text.slice(0, at) + text.slice(at + 1 + random(3))
              : kind === 1
              ? text.slice(0, at) + piece + text.slice(at)
              : kind === 2
              ? text.slice(0, at) + piece + text.slice(at + 1)
              : text.slice(0, at) + text.slice(at, at + 20) + text.slice(at);
          }
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          // The splice first: a text it answers must be one the parse path answers the same.
          let answer;
          try {
            answer = await federatedSearchAnswer(depsOf(text), SYSTEM_ACTOR, plainRequest());
          } catch (error) {
            // Declined, then refused by the parse path (not JSON, no hits, an unknown resource…).
            assert.ok(error instanceof Error);
            refused++;
            continue;
          }
          if (typeof answer !== "string") continue;
          spliced++;
          assert.ok(valid, `spliced text JSON.parse refuses: ${text}`);
          const parsed = await federatedSearch(depsOf(text), SYSTEM_ACTOR, plainRequest());
          assert.equal(answer, JSON.stringify(parsed), text);
        }
        // Enough of both outcomes for the property to say something.
        assert.ok(spliced > 200, `${spliced} spliced`);
        assert.ok(refused > 1000, `${refused} refused`);
      });
    } finally {
      await test.close();
    }
  },
});
