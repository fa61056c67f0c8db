/**
 * Generated queries for the search differential test: the shapes Superdesk and its web client
 * send (`query_string` with words, operators, phrases, wildcards, fields, ranges, groups,
 * `type: cross_fields` (words of one item across its fields) and
 * `lenient`; `match`, `match_phrase`, `multi_match`; `bool`; `term(s)`, `prefix`, `wildcard`,
 * `ids`, `exists`, `range` with date math; the legacy `filtered`/`and`/`or`/`not`/`missing`
 * syntax; sorted pages; the client's aggregations; `post_filter`; words with accents, as
 * written and folded, which the text fields fold and exact sub-fields keep), with words, phrases and
 * values drawn from the indexed items by a seeded generator, so each run asks the same queries.
 */
import { foldToAscii } from "../../src/search/analysis/ascii_folding.ts";
import { standardTokens } from "../../src/search/analysis/standard_analyzer.ts";
import { rewriteLegacyDsl } from "../../src/search/legacy_dsl.ts";
import type { SearchBody } from "../../src/search/search_index.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { CORPUS_DESKS, CORPUS_STATES, CORPUS_SUBJECTS } from "../fixtures/news_corpus.ts";

/** How two engines' answers to a query are compared. */
export type Comparison =
  /** Same hit ids (all of them: the body asks for every hit) and totals. */
  | "set"
  /** Same ids in the same order (a sort with a unique last key) and totals. */
  | "order"
  /** Same totals and the same aggregations. */
  | "aggs";

/** One generated query. */
export interface GeneratedQuery {
  shape: string;
  body: SearchBody;
  compare: Comparison;
}

/** Every hit fits in one page for set comparisons (Elasticsearch's default result window). */
const ALL = 10_000;

/** `count` queries over `items` (index copies: their text is what the engines analysed). */
export function generateQueries(items: Doc[], count: number, seed = 14): GeneratedQuery[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const vocab = vocabulary(items);
  const word = () => rnd() < 0.5 ? pick(vocab.common) : pick(vocab.rare);
  const cased = (w: string) => rnd() < 0.3 ? w.toUpperCase() : rnd() < 0.5 ? cap(w) : w;
  /** Tokens of `field` in a random sampled item that has some. */
  const tokensOf = (field: string) => {
    const withField = vocab.fields.get(field)!;
    return pick(withField);
  };
  /** A word of `field` (one item has it). */
  const fieldWord = (field = "body_html") => pick(tokensOf(field));
  /** Two words one item's `field` has. */
  const pair = (field = "body_html") => {
    const tokens = tokensOf(field);
    return `${pick(tokens)} ${pick(tokens)}`;
  };
  /** Two consecutive words of one item's `field`. */
  const phrase = (field = "body_html") => {
    const tokens = tokensOf(field);
    if (tokens.length < 2) return tokens[0]!;
    const at = Math.floor(rnd() * (tokens.length - 1));
    return `${tokens[at]} ${tokens[at + 1]}`;
  };
  const ordered = () => [day(), day()].sort() as [string, string];
  const stem = () => {
    const w = pick(vocab.long);
    return w.slice(0, 3 + Math.floor(rnd() * 3));
  };
  const day = () => pick(vocab.days);
  const sources = vocab.sources;
  const textField = () => pick(["headline", "body_html", "abstract", "slugline", "byline"]);

  const set = (shape: string, query: unknown, extra: SearchBody = {}): GeneratedQuery => ({
    shape,
    body: { query, size: ALL, _source: false, ...extra },
    compare: "set",
  });
  const qs = (query: string, options: Record<string, unknown> = {}) => ({
    query_string: { query, ...options },
  });

  /**
   * Words of one item found only across fields: one of its headline, one of its body, two
   * consecutive body words and a body word with punctuation inside (or a plain one).
   */
  const across = () => {
    const [headline, body] = pick(vocab.across);
    const at = Math.floor(rnd() * body.length);
    return {
      h: pick(headline),
      b: pick(body),
      phrase: body.slice(at, at + 2).join(" "),
      odd: body.find((t) => /[.'’:,_]/.test(t)) ?? pick(body),
    };
  };
  /** What the client sends to `/api/search` once the server defaults the type. */
  const crossFields = (query: string, options: Record<string, unknown> = {}) =>
    qs(query, {
      lenient: true,
      default_operator: pick(["AND", "OR"]),
      type: "cross_fields",
      ...options,
    });

  const makers: Array<() => GeneratedQuery> = [
    () => {
      const { h, b } = across();
      return set("query_string cross_fields", crossFields(`${cased(h)} ${b}`));
    },
    () => {
      const { h, phrase } = across();
      const query = `${phrase} ${h}`;
      return set("query_string cross_fields AND", crossFields(query, { default_operator: "AND" }));
    },
    () => {
      const { h, phrase } = across();
      return set("query_string cross_fields phrase", crossFields(`"${phrase}" ${h}`));
    },
    () => {
      const { h, b } = across();
      return set("query_string cross_fields field", crossFields(`headline:${h} ${b}`));
    },
    () => {
      const { h, b } = across();
      const stem = h.length > 4 ? `${h.slice(0, 4)}*` : h;
      return set("query_string cross_fields wildcard", crossFields(`${stem} ${b}`));
    },
    () => {
      const { h, odd } = across();
      return set("query_string cross_fields punctuation", crossFields(`${odd} ${h}`));
    },
    () => {
      const { h, b } = across();
      return set(
        "query_string cross_fields fields",
        crossFields(rnd() < 0.5 ? `${h} ${b}` : pick(sources), {
          fields: ["headline^2", "body_html", "source", "slugline.phrase", "urgency"],
        }),
      );
    },
    () => set("query_string word", qs(cased(word()))),
    () => set("query_string words AND", qs(pair(), { default_operator: "AND" })),
    () => set("query_string words OR", qs(`${word()} OR ${cased(word())}`)),
    () => set("query_string +/-", qs(`+${word()} -${word()} ${word()}`)),
    () => set("query_string NOT", qs(`${fieldWord()} AND NOT ${word()}`)),
    () => set("query_string group", qs(`(${word()} OR ${fieldWord()}) AND ${word()}`)),
    () => set("query_string phrase", qs(`"${phrase()}"`)),
    () => {
      const field = textField();
      return set("query_string fielded phrase", qs(`${field}:"${phrase(field)}"`));
    },
    () => set("query_string prefix", qs(`${cased(stem())}*`)),
    () => set("query_string fielded prefix", qs(`headline:${stem()}*`)),
    () => set("query_string ? wildcard", qs(`${wildcarded(pick(vocab.long), rnd)}`)),
    () => set("query_string leading wildcard", qs(`*${pick(vocab.long).slice(-5)}`)),
    () => {
      const field = textField();
      return set("query_string field", qs(`${field}:${fieldWord(field)}`));
    },
    () => {
      // Whitespace about the colon, which Lucene's parser (Elasticsearch's) allows.
      const field = textField();
      const colon = pick([" :", ": ", " : "]);
      return set("query_string field spaced colon", qs(`${field}${colon}${fieldWord(field)}`));
    },
    () => set("query_string field group", qs(`headline:(${word()} OR ${fieldWord("headline")})`)),
    () => set("query_string keyword field", qs(`state:${pick(CORPUS_STATES)} AND ${word()}`)),
    () => set("query_string keyword wildcard", qs(`source:${pick(sources).slice(0, 3)}*`)),
    () =>
      set(
        "query_string range",
        qs(`urgency:[${1 + Math.floor(rnd() * 3)} TO ${3 + Math.floor(rnd() * 3)}]`),
      ),
    () => {
      const [from, to] = ordered();
      return set("query_string date range", qs(`versioncreated:[${from} TO ${to}]`));
    },
    () => set("query_string open range", qs(`urgency:>=${2 + Math.floor(rnd() * 3)} ${word()}`)),
    () => set("query_string _exists_", qs(`_exists_:abstract AND ${word()}`)),
    () => set("query_string star", qs(`headline:* AND NOT ${word()}`)),
    () =>
      set(
        "query_string lenient AND",
        qs(`${word()} ${word()}`, {
          lenient: true,
          default_operator: "AND",
        }),
      ),
    () =>
      set(
        "query_string fields",
        qs(`${word()} ${word()}`, {
          fields: ["headline^2", "abstract"],
          default_operator: pick(["AND", "OR"]),
        }),
      ),
    () => {
      // A list's `?q=` (Eve-Elastic's `_build_query_string`): every field, lenient.
      const value = pick([
        () => `${word()} ${word()}`,
        () => pick(CORPUS_DESKS),
        () => pick(CORPUS_STATES),
        () => pick(sources),
        () => String(1 + Math.floor(rnd() * 5)),
        () => day(),
        () => `"${phrase()}"`,
        () => `${stem()}*`,
        // Several terms: keyword prefixes, groups and prohibited words beside text ones.
        () => `${pick(CORPUS_DESKS).slice(0, 3)}* ${word()}`,
        () => `(${word()} OR ${pick(CORPUS_STATES)}) -${word()}`,
        () => `+${stem()}* ${pick(sources)} "${phrase()}"`,
      ])();
      return set(
        "query_string all fields",
        qs(value, { fields: ["*"], lenient: true, default_operator: pick(["AND", "OR"]) }),
      );
    },
    () => set("query_string punctuation", qs(pick(vocab.punctuated))),
    () => {
      const field = textField();
      return set("match", { match: { [field]: `${fieldWord(field)} ${word()}` } });
    },
    () => set("match AND", { match: { body_html: { query: pair(), operator: "and" } } }),
    () => set("match keyword", { match: { source: pick(sources) } }),
    () => set("match number", { match: { urgency: 1 + Math.floor(rnd() * 5) } }),
    () => set("match date", { match: { versioncreated: day() } }),
    () => set("match_phrase", { match_phrase: { body_html: phrase() } }),
    () =>
      set("multi_match", {
        multi_match: {
          query: rnd() < 0.5 ? pair() : phrase(),
          fields: ["headline", "body_html^2"],
          type: pick(["best_fields", "most_fields", "cross_fields", "phrase"]),
          operator: pick(["and", "or"]),
        },
      }),
    () => set("multi_match all text", { multi_match: { query: phrase(), type: "phrase" } }),
    () =>
      set("bool filters", {
        bool: {
          must: [{ match: { body_html: fieldWord() } }],
          filter: [
            { terms: { state: [pick(CORPUS_STATES), pick(CORPUS_STATES)] } },
            { range: { urgency: { gte: 1 + Math.floor(rnd() * 3) } } },
          ],
        },
      }),
    () =>
      set("bool must_not", {
        bool: {
          must: [qs(fieldWord())],
          must_not: [{ term: { "task.desk": pick(CORPUS_DESKS) } }, {
            match: { headline: word() },
          }],
        },
      }),
    () =>
      set("bool should", {
        bool: {
          should: [{ match: { headline: fieldWord("headline") } }, {
            match: { body_html: word() },
          }, { term: { source: pick(sources) } }],
          minimum_should_match: 1 + Math.floor(rnd() * 2),
        },
      }),
    () => {
      const [from, to] = ordered();
      return set("bool date math", {
        bool: {
          filter: [
            { range: { versioncreated: { gte: `${from}||-3d/d`, lt: `${to}||+1d` } } },
            { exists: { field: "abstract" } },
          ],
        },
      });
    },
    () => {
      const [from, to] = ordered();
      return set("range rounding", {
        range: { versioncreated: { [pick(["gt", "gte"])]: from, [pick(["lt", "lte"])]: to } },
      });
    },
    () => set("range now", { range: { versioncreated: { gte: "now-20y/y", lt: "now" } } }),
    () => set("term keyword", { term: { "subject.qcode": pick(CORPUS_SUBJECTS).qcode } }),
    () => set("term text token", { term: { headline: pick(vocab.common) } }),
    () => set("term boolean", { term: { "flags.marked_for_legal": rnd() < 0.5 } }),
    () =>
      set("terms", { terms: { "task.stage": ["stage-1", "stage-3", `stage-${rnd() * 8 | 0}`] } }),
    () => set("prefix keyword", { prefix: { source: pick(sources).slice(0, 2) } }),
    () => set("prefix text", { prefix: { body_html: stem() } }),
    () => set("wildcard", { wildcard: { headline: { value: wildcarded(pick(vocab.long), rnd) } } }),
    () => set("ids", { ids: { values: [pick(vocab.ids), pick(vocab.ids), "missing-id"] } }),
    () => set("exists", { bool: { must_not: [{ exists: { field: "abstract" } }] } }),
    () =>
      set(
        "legacy filtered",
        rewriteLegacyDsl({
          query: {
            filtered: {
              query: qs(fieldWord(), { lenient: true, default_operator: "AND" }),
              filter: {
                and: [{ term: { state: pick(CORPUS_STATES) } }, { not: { term: { urgency: 1 } } }],
              },
            },
          },
        }).query,
      ),
    () =>
      set(
        "legacy or/missing",
        rewriteLegacyDsl({
          query: {
            filtered: {
              filter: {
                or: [{ missing: { field: "abstract" } }, { term: { source: pick(sources) } }],
              },
            },
          },
        }).query,
      ),
    () =>
      set("post_filter", { match: { body_html: fieldWord() } }, {
        post_filter: { term: { "anpa_category.qcode": pick(["i", "h", "f"]) } },
      }),
    () => ({
      shape: "sorted page",
      body: {
        query: qs(word()),
        sort: [
          pick([{ versioncreated: "desc" }, { urgency: "asc" }, { "slugline.phrase": "asc" }]),
          {
            guid: "asc",
          },
        ],
        from: pick([0, 0, 10, 25]),
        size: 25,
        _source: false,
        track_total_hits: true,
      },
      compare: "order",
    }),
    () => ({
      shape: "sorted by several keys",
      body: {
        query: { range: { urgency: { gte: 2 } } },
        sort: [{ "task.desk": "asc" }, { priority: "desc" }, { firstcreated: "asc" }, {
          guid: "desc",
        }],
        from: Math.floor(rnd() * 200),
        size: 50,
        _source: false,
      },
      compare: "order",
    }),
    () => ({
      shape: "aggregations",
      body: {
        query: rnd() < 0.5 ? qs(word()) : { match_all: {} },
        size: 0,
        aggs: {
          type: { terms: { field: "type" } },
          desk: { terms: { field: "task.desk", size: 40 } },
          stage: { terms: { field: "task.stage", size: 3 } },
          state: { terms: { field: "state" } },
          category: { terms: { field: "anpa_category.name", size: 40 } },
          urgency: { terms: { field: "urgency" } },
          source: { terms: { field: "source", size: 5 } },
          subject: { terms: { field: "subject.qcode", size: 10 } },
          legal: { terms: { field: "flags.marked_for_legal" } },
          genre: { terms: { field: "genre.name", size: 40 } },
        },
      },
      compare: "aggs",
    }),
    () => ({
      shape: "date aggregations",
      body: {
        query: { match: { body_html: word() } },
        size: 0,
        aggs: {
          monthly: { date_histogram: { field: "versioncreated", calendar_interval: "month" } },
          daily: {
            date_histogram: { field: "firstcreated", calendar_interval: "day", min_doc_count: 1 },
          },
          recent: { filter: { range: { versioncreated: { gte: `${day()}||-7d/d` } } } },
        },
      },
      compare: "aggs",
    }),
  ];
  // Words with accents, as written and folded, where the items have some.
  const accentedMakers: Array<() => GeneratedQuery> = [
    () => set("accented query_string", qs(cased(pick(vocab.accented)))),
    () => set("accented query_string folded", qs(foldToAscii(pick(vocab.accented)))),
    () => {
      const w = pick(vocab.accented);
      return set(
        "accented query_string fields",
        qs(`headline:${w} OR body_html:${foldToAscii(w)}`),
      );
    },
    () => {
      const w = pick(vocab.accented);
      const at = [...w].findIndex((c) => foldToAscii(c) !== c);
      return set("accented query_string prefix", qs(`${[...w].slice(0, at + 1).join("")}*`));
    },
    // A list's `q`: every field, keywords too (the terms are searched field by field).
    () =>
      set(
        "accented query_string all fields",
        qs(`${pick(vocab.accented)} ${pick([word(), `"${pick(vocab.accentedPhrases)}"`])}`, {
          fields: ["*"],
          lenient: true,
          default_operator: pick(["AND", "OR"]),
        }),
      ),
    () => set("accented match", { match: { body_html: pick(vocab.accented) } }),
    () =>
      set("accented match_phrase", { match_phrase: { body_html: pick(vocab.accentedPhrases) } }),
    () =>
      set("accented multi_match", {
        multi_match: {
          query: `${pick(vocab.accented)} ${word()}`,
          fields: ["headline", "body_html^2", "source"],
          type: pick(["best_fields", "cross_fields"]),
        },
      }),
    () =>
      set("accented term exact", { term: { "headline.keyword": pick(vocab.accentedHeadlines) } }),
    () => ({
      shape: "accented sorted page",
      body: {
        query: qs(foldToAscii(pick(vocab.accented))),
        sort: [pick([{ "headline.keyword": "asc" }, { "slugline.phrase": "desc" }]), {
          guid: "asc",
        }],
        size: 25,
        _source: false,
      },
      compare: "order",
    }),
    () => ({
      shape: "accented aggregations",
      body: {
        query: qs(foldToAscii(pick(vocab.accented))),
        size: 0,
        aggs: { headline: { terms: { field: "headline.keyword", size: 10 } } },
      },
      compare: "aggs",
    }),
  ];
  if (vocab.accented.length && vocab.accentedPhrases.length && vocab.accentedHeadlines.length) {
    makers.push(...accentedMakers);
  }
  const out: GeneratedQuery[] = [];
  for (let i = 0; out.length < count; i++) out.push(makers[i % makers.length]!());
  return out;
}

const FIELDS = ["headline", "body_html", "abstract", "slugline", "byline"];

/** Words, per-field token lists and values drawn from the items. */
function vocabulary(items: Doc[]) {
  const counts = new Map<string, number>();
  const fields = new Map<string, string[][]>(FIELDS.map((f) => [f, []]));
  const punctuated: string[] = [];
  const across: Array<[string[], string[]]> = [];
  const accentedPhrases: string[] = [];
  const accentedHeadlines: string[] = [];
  // Every other item: articles and posts both, whatever the count.
  for (const item of items.filter((_, i) => i % 2 === 0)) {
    for (const field of FIELDS) {
      if (typeof item[field] !== "string") continue;
      const tokens = standardTokens(item[field]);
      if (tokens.length) fields.get(field)!.push(tokens);
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    if (typeof item.headline === "string" && typeof item.body_html === "string") {
      const [headline, body] = [standardTokens(item.headline), standardTokens(item.body_html)];
      if (headline.length && body.length) across.push([headline, body]);
    }
    if (typeof item.body_html === "string") {
      const tokens = standardTokens(item.body_html);
      const at = tokens.findIndex((t) => foldToAscii(t) !== t);
      if (at >= 0 && at + 1 < tokens.length) {
        accentedPhrases.push(`${tokens[at]} ${tokens[at + 1]}`);
      }
    }
    if (typeof item.headline === "string" && foldToAscii(item.headline) !== item.headline) {
      accentedHeadlines.push(item.headline);
    }
    const odd = /\b[\p{L}\p{N}]+[.'’:,_][\p{L}\p{N}]+\b/u.exec(String(item.body_html));
    if (odd && punctuated.length < 500) punctuated.push(odd[0]);
  }
  const words = [...counts].filter(([w]) => /^\p{L}[\p{L}\p{N}]*$/u.test(w));
  const common = words.filter(([, n]) => n > 50).map(([w]) => w);
  const rare = words.filter(([, n]) => n >= 2 && n <= 5).map(([w]) => w);
  const long = words.filter(([w, n]) => w.length >= 8 && n >= 3).map(([w]) => w);
  const accented = words.filter(([w]) => foldToAscii(w) !== w).map(([w]) => w);
  const days = [...new Set(items.map((i) => (i.versioncreated as Date).toISOString().slice(0, 10)))]
    .sort();
  const sources = [...new Set(items.map((i) => String(i.source)))];
  const ids = items.map((i) => String(i._id));
  return {
    common,
    rare,
    long,
    accented,
    accentedPhrases,
    accentedHeadlines,
    fields,
    across,
    punctuated,
    days,
    sources,
    ids,
  };
}

function wildcarded(w: string, rnd: () => number): string {
  const at = 1 + Math.floor(rnd() * (w.length - 2));
  return rnd() < 0.5 ? w.slice(0, at) + "?" + w.slice(at + 1) : w.slice(0, at) + "*" + w.slice(-2);
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** A seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
