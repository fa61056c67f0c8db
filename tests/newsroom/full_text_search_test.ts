/**
 * Full-text search of archive over HTTP, on the embedded index and on Elasticsearch: words of
 * headlines and bodies are found however the client asks (`q`, `query_string`, `match`, the
 * exact headline), HTML tags and attributes are not words, a 100 KB body and values far past
 * any term limit stay indexable, and hits carry the stored HTML.
 */
import assert from "node:assert/strict";
import { SearchOutbox } from "../../src/indexing/search_outbox.ts";
import { body, createStory, type Json, type Member, newsroomTest } from "./_newsroom.ts";

/** The ids `/api/search` finds in archive for an Elasticsearch body. */
async function searchIds(client: Member, source: unknown): Promise<string[]> {
  const query = encodeURIComponent(JSON.stringify(source));
  const found = await body(await client.get(`/api/search?repo=archive&source=${query}`));
  return found._items.map((item: Json) => item._id).sort();
}

/** The ids `/api/search?q=` finds (Superdesk's query_string with AND). */
async function qIds(client: Member, q: string): Promise<string[]> {
  const found = await body(
    await client.get(`/api/search?repo=archive&q=${encodeURIComponent(q)}`),
  );
  return found._items.map((item: Json) => item._id).sort();
}

newsroomTest(
  "a headline's words are found by q, query_string, match and the whole headline",
  async (
    { writer },
  ) => {
    const flood = await createStory(writer, {
      headline: "Flooding closes bridge",
      body_html: "<p>The river rose overnight.</p>",
    });
    const other = await createStory(writer, { headline: "Budget vote", body_html: "<p>Tax</p>" });
    const only = [flood._id];
    assert.deepEqual(await qIds(writer, "flooding"), only);
    assert.deepEqual(await qIds(writer, "Flooding closes bridge"), only);
    assert.deepEqual(await qIds(writer, '"Flooding closes bridge"'), only);
    assert.deepEqual(await qIds(writer, "headline:bridge"), only);
    assert.deepEqual(await qIds(writer, "flood*"), only);
    assert.deepEqual(await qIds(writer, "river"), only);
    assert.deepEqual(await searchIds(writer, { query: { match: { headline: "flooding" } } }), only);
    assert.deepEqual(
      await searchIds(writer, { query: { match_phrase: { headline: "Flooding closes bridge" } } }),
      only,
    );
    assert.deepEqual(
      await searchIds(writer, {
        query: { query_string: { query: "FLOODING OR tax", lenient: true } },
      }),
      [flood._id, other._id].sort(),
    );
    assert.deepEqual(await qIds(writer, "flooding tax"), []);
    const list = await body(await writer.get(`/api/archive?q=bridge`));
    assert.deepEqual(list._items.map((item: Json) => item._id), only);
    // A list's q joins words with OR unless told (Eve-Elastic's); /api/search's q with AND.
    const listed = async (query: string) =>
      (await body(await writer.get(`/api/archive?${query}`)))._items.map((item: Json) => item._id)
        .sort();
    assert.deepEqual(await listed("q=flooding%20tax"), [flood._id, other._id].sort());
    assert.deepEqual(await listed("q=flooding%20tax&default_operator=AND"), []);
    assert.deepEqual(await listed("q=%22closes%20bridge%22&df=headline"), only);
    for (
      const url of ["/api/archive?q=x&default_operator=xor", "/api/search?q=x&default_operator=xor"]
    ) {
      const refused = await writer.get(url);
      assert.equal(refused.status, 400, url);
      assert.match(
        JSON.stringify(await refused.json()),
        /default_operator/,
      );
    }
    const where = (filter: unknown) =>
      `/api/archive?where=${encodeURIComponent(JSON.stringify(filter))}`;
    const exact = await body(await writer.get(where({ headline: "Flooding closes bridge" })));
    assert.deepEqual(exact._items.map((item: Json) => item._id), only, "where is equality");
    const word = await body(await writer.get(where({ headline: "bridge" })));
    assert.deepEqual(word._items, [], "where on a text field is not a word search");
  },
);

newsroomTest("HTML tags and attributes are not words; hits keep the stored HTML", async (
  { writer },
) => {
  const html = '<p class="lead">Storm <strong>warning</strong> for the fl<b>oo</b>d plain</p>' +
    "<p>Rain &amp; wind</p><!-- editor note: span -->";
  const story = await createStory(writer, { headline: "Weather", body_html: html });
  for (const tag of ["strong", "class", "lead", "span", "editor", "amp", "p"]) {
    assert.deepEqual(await qIds(writer, tag), [], `"${tag}" must not match`);
  }
  for (const word of ["storm", "warning", "flood", "rain", "wind"]) {
    assert.deepEqual(await qIds(writer, word), [story._id], `"${word}" must match`);
  }
  const found = await body(await writer.get(`/api/search?repo=archive&q=storm&es_highlight=1`));
  assert.equal(found._items[0].body_html, html);
  assert.ok(
    String(found._items[0].es_highlight?.body_html?.[0]).includes(
      '<span class="es-highlight">Storm</span>',
    ),
    JSON.stringify(found._items[0].es_highlight),
  );
  const projected = await body(
    await writer.get(
      `/api/search?repo=archive&q=storm&projections=${encodeURIComponent('["body_html"]')}`,
    ),
  );
  assert.equal(projected._items[0].body_html, html);
});

newsroomTest(
  "a 100 KB body and over-long values are indexed and found",
  async ({ app, writer }) => {
    const paragraph = "<p>Council members debated the harbour plan at length.</p>";
    const body_html = paragraph.repeat(Math.ceil(100_000 / paragraph.length)) +
      `<p>${"x".repeat(40_000)} zebracrossing</p>`;
    assert.ok(body_html.length > 100_000);
    const big = await createStory(writer, {
      headline: `Harbour ${"long ".repeat(80)}headline`,
      body_html,
      source: "s".repeat(9_000),
      keywords: ["harbour", "k".repeat(40_000)],
    });
    assert.deepEqual(await qIds(writer, "zebracrossing"), [big._id]);
    assert.deepEqual(await qIds(writer, "harbour debated"), [big._id]);
    assert.deepEqual(await qIds(writer, "headline:headline"), [big._id]);
    assert.deepEqual(await new SearchOutbox(app.platform.documents).all(), []);
  },
);
