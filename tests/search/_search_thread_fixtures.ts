/**
 * Fixtures of the search-thread tests: an embedded index file with items of a synthetic
 * vocabulary (thousands of words, under the wildcard expansion limit), a search that keeps
 * SQLite busy for seconds (`q`-style wildcards over every field) and a cheap one.
 */
import type { SearchBody, SearchDoc } from "../../src/search/search_index.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { CORPUS_DESKS, CORPUS_STATES, CORPUS_SUBJECTS } from "../fixtures/news_corpus.ts";
import {
  createSqliteSearchIndex,
  type SqliteSearchIndexOptions,
} from "../../src/search/sqlite/sqlite_search_index.ts";
import { itemMapping } from "./_search_fixtures.ts";

export const RESOURCE = "items";
export const PREFIX = "threads";

/** A deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` items of `itemMapping`'s shape whose text draws on `vocabulary` distinct words. */
export function syntheticItems(count: number, vocabulary = 6000, seed = 3): SearchDoc[] {
  const rnd = random(seed);
  const word = () => `w${Math.floor(rnd() * vocabulary).toString(36)}`;
  const words = (n: number) => Array.from({ length: n }, word).join(" ");
  return Array.from({ length: count }, (_, i) => ({
    _id: `item-${i}`,
    _etag: `e-${i}`,
    headline: words(6),
    body_html: `<p>${words(200)}</p>`,
    slugline: words(1),
    urgency: 1 + (i % 5),
    state: ["draft", "published", "spiked"][i % 3]!,
    flags: { marked_for_not_publication: i % 4 === 0 },
    subject: [{ qcode: `0${i % 3}000000`, name: `s${i % 3}` }],
    versioncreated: new Date(Date.UTC(2024, 0, 1 + (i % 28))).toISOString(),
  }));
}

/** A `q` of `terms` wildcards joined with AND over every field: seconds of SQLite work. */
export function heavyBody(terms = 2): SearchBody {
  return {
    query: {
      query_string: {
        query: Array(terms).fill("?*").join(" AND "),
        lenient: true,
        default_operator: "AND",
      },
    },
  };
}

/** A lookup by id: milliseconds. */
export const CHEAP: SearchBody = { query: { ids: { values: ["item-1"] } } };

/** A new index file in a temporary folder, holding `items`; returns its path. */
export async function indexFile(items: SearchDoc[]): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "search_threads_" });
  const path = `${dir}/search.db`;
  const writer = createSqliteSearchIndex({ path, prefix: PREFIX, searchThreads: 0 });
  await writer.ensureIndex(RESOURCE, itemMapping);
  for (let i = 0; i < items.length; i += 200) {
    await writer.index(RESOURCE, items.slice(i, i + 200));
  }
  await writer.close();
  return path;
}

/** Opens the index at `path` (with threads unless told otherwise). */
export function openIndex(path: string, options: Partial<SqliteSearchIndexOptions> = {}) {
  return createSqliteSearchIndex({ path, prefix: PREFIX, ...options });
}

const OUTLETS = ["reuters.com", "apnews.com", "bbc.co.uk", "cnn.com", "nytimes.com"];
const PUNCTUATED = ["u.s.", "o'neil's", "1,000.5", "ow.ly", "e-mail"];

/** Words with accents among the synthetic ones (folded by `html_field_analyzer` fields). */
const ACCENTED = ["još", "café", "naïve", "Straße", "łódź", "Ærø", "crème", "señor", "þing"];

/**
 * `count` archive items shaped as the news corpus's (`tests/fixtures/news_corpus.ts`: the same
 * fields, desks, states and subjects) with text drawn from a skewed synthetic vocabulary (common,
 * rare and long words, punctuated tokens, accented words), for the differential's query generator when the
 * corpus is not at hand.
 */
export function syntheticNewsItems(count: number, seed = 11): Doc[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const word = () => {
    if (rnd() < 0.01) return pick(PUNCTUATED);
    const k = Math.floor(5000 * rnd() ** 3);
    if (k % 50 === 7) return ACCENTED[k % ACCENTED.length]!;
    const stem = [...k.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26)))
      .join("");
    return stem.repeat(8).slice(0, Math.max(stem.length, 3 + (k % 8)));
  };
  const words = (n: number) => Array.from({ length: n }, word).join(" ");
  return Array.from({ length: count }, (_, i) => {
    const id = `urn:newsml:synthetic:${i}`;
    const headline = words(4 + Math.floor(rnd() * 8));
    const created = new Date(Date.UTC(2017, 0, 1) + Math.floor(rnd() * 90 * 86_400_000));
    const outlet = pick(OUTLETS);
    return {
      _id: id,
      guid: id,
      type: "text",
      language: "en",
      headline,
      slugline: headline.split(" ").slice(0, 2).join("-"),
      ...(rnd() < 0.5 ? { abstract: `<p>${words(12)}</p>` } : {}),
      body_html: `<p>${words(40)}</p><p>${words(40)}</p>`,
      byline: `By ${outlet}`,
      source: outlet,
      keywords: headline.split(" ").filter((w) => w.length > 6).slice(0, 2),
      urgency: 1 + (i % 5),
      priority: 1 + (i % 6),
      state: pick(CORPUS_STATES),
      task: { desk: pick(CORPUS_DESKS), stage: `stage-${i % 8}` },
      anpa_category: [{ qcode: "i", name: "International News" }],
      subject: CORPUS_SUBJECTS.filter(() => rnd() < 0.2).slice(0, 2),
      genre: [{ qcode: "article", name: "Article" }],
      flags: { marked_for_legal: i % 7 === 0 },
      word_count: 80,
      firstcreated: created,
      versioncreated: created,
      _created: created,
      _updated: created,
      _etag: `e-${i}`,
    };
  });
}
