/** Unit tests of folding on Elasticsearch's side: the index copy, the mapping and query rewrites. */
import assert from "node:assert/strict";
import { foldedRun, foldWords } from "../../src/search/analysis/folded_words.ts";
import { foldedSearchBody } from "../../src/search/elastic/elastic_folded_query.ts";
import {
  elasticProperties,
  foldedDoc,
  unfoldedHit,
} from "../../src/search/elastic/elastic_folding.ts";
import { mappingFromSchema } from "../../src/search/mapping.ts";
import { itemSchema } from "./_search_fixtures.ts";

const mapping = mappingFromSchema(itemSchema, {
  searchFields: { headline: "html", slugline: "phrase", body_html: "text" },
});
const targets = { folded: new Set(["headline", "slugline"]) };

Deno.test("words are folded in place; query syntax produced by folding is escaped", () => {
  assert.equal(foldWords("Još, Straße — œuvre"), "Jos, Strasse — oeuvre");
  // `a：b` is one word (a fullwidth colon joins letters); folded, its colon must stay a letter.
  assert.equal(foldWords("a：b", { escape: true }), "a\\:b");
  assert.equal(foldWords("plain"), "plain");
});

Deno.test("folded fields lose their exact sub-fields to _exact; others are unchanged", () => {
  const properties = elasticProperties(mapping);
  assert.deepEqual(properties.headline, { type: "text", analyzer: "html_field_analyzer" });
  assert.deepEqual(properties.body_html, mapping.properties.body_html);
  assert.deepEqual(properties._exact, {
    type: "object",
    properties: {
      headline: { ...mapping.properties.headline, index: false },
      slugline: { ...mapping.properties.slugline, index: false },
    },
  });
});

Deno.test("the index copy holds folded words and the stored values under _exact", () => {
  const long = "x".repeat(300);
  const doc = { headline: "Još", slugline: long, body_html: "Još", urgency: 1 };
  assert.deepEqual(foldedDoc(doc, ["headline", "slugline"]), {
    headline: "Jos",
    slugline: long,
    body_html: "Još",
    urgency: 1,
    _exact: { headline: "Još" },
  });
  const plain = { headline: long, slugline: long };
  assert.equal(foldedDoc(plain, ["headline", "slugline"]), plain);
});

Deno.test("a hit gets its stored values back and its highlights placed on them", () => {
  const source: Record<string, unknown> = {
    headline: "Strasse, Lodz",
    _exact: { headline: "Straße, Łódź" },
  };
  const highlight = { headline: ["<em>Strasse</em>, <em>Lodz</em>"], body_html: ["<em>x</em>"] };
  unfoldedHit(source, highlight, { pre: "<em>", post: "</em>" });
  assert.deepEqual(source, { headline: "Straße, Łódź" });
  assert.deepEqual(highlight, {
    headline: ["<em>Straße</em>, <em>Łódź</em>"],
    body_html: ["<em>x</em>"],
  });
});

Deno.test("queries aimed at folded fields are folded; exact names move to _exact", () => {
  const body = foldedSearchBody({
    query: {
      bool: {
        must: [
          { match: { headline: { query: "Još", operator: "and" } } },
          { match: { body_html: "Još" } },
          {
            query_string: {
              query: 'Još slugline.keyword:Café state:Još body_html:(Još) headline:"Još x"',
            },
          },
          { multi_match: { query: "Još", fields: ["body_html", "source"] } },
          { term: { "headline.keyword": "Još" } },
          { exists: { field: "slugline.phrase" } },
        ],
      },
    },
    sort: [{ "slugline.phrase": "asc" }, "headline.keyword"],
    aggs: {
      "headline.keyword": {
        terms: { field: "headline.keyword" },
        aggs: { inner: { filter: { term: { "slugline.keyword": "Café" } } } },
      },
    },
  }, targets);
  assert.deepEqual(body, {
    query: {
      bool: {
        must: [
          { match: { headline: { query: "Jos", operator: "and" } } },
          { match: { body_html: "Još" } },
          {
            query_string: {
              query: 'Jos _exact.slugline.keyword:Café state:Još body_html:(Još) headline:"Jos x"',
            },
          },
          { multi_match: { query: "Još", fields: ["body_html", "source"] } },
          { term: { "_exact.headline.keyword": "Još" } },
          { exists: { field: "_exact.slugline.phrase" } },
        ],
      },
    },
    sort: [{ "_exact.slugline.phrase": "asc" }, "_exact.headline.keyword"],
    aggs: {
      "headline.keyword": {
        terms: { field: "_exact.headline.keyword" },
        aggs: { inner: { filter: { term: { "_exact.slugline.keyword": "Café" } } } },
      },
    },
  });
});

Deno.test("a body is untouched when no searched field folds", () => {
  const body = { query: { match: { headline: "Još" } } };
  assert.equal(foldedSearchBody(body, { folded: new Set() }), body);
});

Deno.test("a query_string over folded and standard fields searches changed terms per field", () => {
  const mixed = (query: string, fields?: string[]) => {
    const qs = fields ? { query, fields } : { query };
    const out = foldedSearchBody({ query: { query_string: qs } }, {
      ...targets,
      defaults: ["headline", "body_html"],
    });
    return ((out.query as Record<string, unknown>).query_string as { query: string }).query;
  };
  assert.equal(mixed("plain words"), "plain words");
  assert.equal(
    mixed('+Još -"Straße x"~2 AND (a OR é*) [à TO z]^2 slugline:Još'),
    '+(headline:(Jos) OR body_html:(Još)) -(headline:("Strasse x"~2) OR body_html:("Straße x"~2))' +
      " AND (a OR (headline:(e*) OR body_html:(é*))) (headline:([a TO z]^2) OR " +
      "body_html:([à TO z]^2)) slugline:Jos",
  );
  assert.equal(
    mixed("Još", ["head*^2", "body_html", "slugline.keyword"]),
    "(head\\*:(Još)^2 OR headline:(Jos)^2 OR body_html:(Još) OR _exact.slugline.keyword:(Još))",
  );
  // A list's `q` (every field): as written on all, folded on the folded ones.
  assert.equal(mixed("x Još", ["*"]), "x (\\*:(Još) OR headline:(Jos) OR slugline:(Jos))");
  // All folded, or no default fields known: the text is folded as a whole.
  assert.equal(mixed("Još", ["headline", "slugline"]), "Jos");
});

Deno.test("folding only the runs around non-ASCII characters equals analysing the whole text", () => {
  // Marks after a space, CR LF, no-break and other spaces, apostrophes, emoji, long words.
  const texts = [
    "Još, Straße — “œuvre” l’été\r\nx ́é a\u00a0é b\u2009é\tç 1,5€ don’t 🇫🇷é ZWJ👩‍👩 é",
    `${"é".repeat(300)} ${"a".repeat(254)}é x`,
    "ÀÉ.Ö:Ü_ß 'Ł' ＡＢ：ｃ ⑴ e\u0301 \u0301é",
  ];
  let rng = 7;
  const pool = "aé ’‘\r\n\u00a0.:_-,'ß\u0301ＡЖ1😀\t";
  for (let k = 0; k < 300; k++) {
    let t = "";
    for (let i = 0; i < 24; i++) {
      rng = (rng * 1103515245 + 12345) >>> 0;
      t += [...pool][rng % [...pool].length];
    }
    texts.push(t);
  }
  for (const text of texts) {
    for (const escape of [false, true]) {
      // foldedRun analyses the whole text.
      assert.equal(foldWords(text, { escape }), foldedRun(text, escape), text);
    }
  }
});

Deno.test("sorts and _exists_ name fields as strings; values looking like field names stay", () => {
  const body = foldedSearchBody({
    query: { terms: { state: ["headline.keyword", "x"] } },
    sort: "slugline.phrase",
    post_filter: { query_string: { query: "_exists_:headline.keyword AND _exists_:state" } },
  }, targets);
  assert.deepEqual(body, {
    query: { terms: { state: ["headline.keyword", "x"] } },
    sort: "_exact.slugline.phrase",
    post_filter: {
      query_string: { query: "_exists_:_exact.headline.keyword AND _exists_:state" },
    },
  });
});
