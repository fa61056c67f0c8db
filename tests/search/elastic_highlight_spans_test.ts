/**
 * Highlights of folded fields placed back on the stored values (`unfoldedHit`) give exactly what
 * they gave when each fragment analysed its whole value with offsets: the spans kept only
 * around changed runs (`foldedSpans`) equal the whole-text analysis unit by unit, and placed
 * fragments equal the former placement, over generated texts and fragments and, when
 * NEWS_CORPUS is set, the news corpus' texts holding non-ASCII characters.
 */
import assert from "node:assert/strict";
import {
  alignedSpans,
  foldedRun,
  foldedSpans,
  foldWords,
} from "../../src/search/analysis/folded_words.ts";
import { type HighlightTags, unfoldedHit } from "../../src/search/elastic/elastic_folding.ts";

/** The whole text analysed at once, with the original span of every unit of its folding. */
function wholeText(text: string) {
  const starts: number[] = [];
  const ends: number[] = [];
  let copied = 0;
  const keep = (to: number) => {
    for (let i = copied; i < to; i++) {
      starts.push(i);
      ends.push(i + 1);
    }
  };
  const folded = foldedRun(text, false, (from, _at, length) => {
    keep(from);
    for (let k = 0; k < length; k++) {
      starts.push(from);
      ends.push(from + 1);
    }
    copied = from + 1;
  });
  keep(text.length);
  return { text: folded, starts, ends };
}

/** The former placement (one whole-text analysis per fragment and value), the reference. */
function formerFragment(fragment: string, values: string[], { pre, post }: HighlightTags) {
  const plain = fragment.split(pre).join("").split(post).join("");
  for (const value of values) {
    const folded = wholeText(value);
    const at = folded.text.indexOf(plain);
    if (at < 0) continue;
    let out = "";
    let from = folded.starts[at] ?? value.length;
    let k = at;
    for (let j = 0; j < fragment.length;) {
      const tag = fragment.startsWith(pre, j) ? pre : fragment.startsWith(post, j) ? post : "";
      if (tag) {
        const to = tag === pre
          ? (folded.starts[k] ?? value.length)
          : (folded.ends[k - 1] ?? value.length);
        out += value.slice(from, to) + tag;
        from = to;
        j += tag.length;
      } else {
        j++;
        k++;
      }
    }
    const end = k > at ? folded.ends[k - 1]! : from;
    return out + value.slice(from, end);
  }
  return undefined;
}

/** A small deterministic generator (the same texts every run). */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state % n;
  };
}

const WORDS = [
  "été",
  "café",
  "Straße",
  "œuvre",
  "l’été",
  "Łódź",
  "naïve",
  "déjà-vu",
  "news",
  "the",
  "minister",
  "e\u0301t\u0301e",
  "🇫🇷é",
  "ＡＢ：ｃ",
  "x",
  "<p>",
  "</p>",
  "a&amp;b",
  "1,5€",
];
const GLUE = [" ", " ", " ", "\r\n", "\u00a0", ", ", ". ", "\t", "—", ""];

function generatedText(next: (n: number) => number, words: number): string {
  let text = "";
  for (let i = 0; i < words; i++) text += WORDS[next(WORDS.length)]! + GLUE[next(GLUE.length)]!;
  return text;
}

/** Fragments of `value` as a highlighter gives them: spans of its folded text, words marked. */
function fragmentsOf(value: string, next: (n: number) => number, { pre, post }: HighlightTags) {
  const folded = foldedRun(value, false);
  const mark = (text: string) => {
    let out = "";
    let at = 0;
    for (const word of text.matchAll(/\w+/g)) {
      if (next(3)) continue;
      out += text.slice(at, word.index) + pre + word[0] + post;
      at = word.index + word[0].length;
    }
    // A mark anywhere, even inside a word or a surrogate pair.
    const cut = next(text.length + 1);
    out += text.slice(at);
    return next(2) ? out : out.slice(0, cut) + pre + post + out.slice(cut);
  };
  const from = next(folded.length + 1);
  const to = from + next(folded.length - from + 1);
  return [
    mark(folded),
    mark(folded.slice(from, to)),
    folded.slice(from, to),
    `${pre}nowhere${post}`,
  ];
}

const TAGS: HighlightTags[] = [
  { pre: "<em>", post: "</em>" },
  { pre: '<span class="hl">', post: "</span>" },
  { pre: "|", post: "|" },
  { pre: "e", post: "é" },
];

async function corpusTexts(): Promise<string[]> {
  const path = Deno.env.get("NEWS_CORPUS");
  if (!path) return [];
  const texts: string[] = [];
  for (const line of (await Deno.readTextFile(path)).split("\n")) {
    if (!line) continue;
    const { title, text } = JSON.parse(line) as { title?: string; text?: string };
    for (const t of [title, text]) if (t && /[\x80-\uffff]/.test(t)) texts.push(t);
    if (texts.length >= 1500) break;
  }
  return texts;
}

async function texts(): Promise<string[]> {
  const next = random(11);
  const generated = Array.from({ length: 400 }, (_, i) => generatedText(next, 1 + (i % 60)));
  return [...generated, "", "plain ascii only", "é", ...await corpusTexts()];
}

Deno.test("spans kept around changed runs equal the whole-text analysis unit by unit", async () => {
  for (const text of await texts()) {
    const whole = wholeText(text);
    // Analysed, and found by walking the text beside the folding the index holds.
    for (const spans of [foldedSpans(text), alignedSpans(text, foldWords(text))!]) {
      assert.equal(spans.text, whole.text, text);
      for (let k = -1; k <= whole.text.length; k++) {
        assert.equal(spans.start(k), whole.starts[k], `${text} start ${k}`);
        assert.equal(spans.end(k), whole.ends[k], `${text} end ${k}`);
      }
    }
    // A copy that is not this text's folding is not walked.
    for (const wrong of [`${whole.text}x`, `x${whole.text}`, text.replace(/\p{L}/u, "ß")]) {
      if (wrong !== whole.text) assert.equal(alignedSpans(text, wrong), undefined, wrong);
    }
  }
});

Deno.test("highlights are placed on stored values exactly as the former placement", async () => {
  const next = random(5);
  const all = await texts();
  let compared = 0;
  let placed = 0;
  for (let i = 0; i < all.length; i++) {
    const tags = TAGS[i % TAGS.length]!;
    const value = all[i]!;
    // One value, or a list whose other values may hold the fragment too.
    const values = i % 3 ? [value] : [all[(i + 1) % all.length]!, value];
    const fragments = fragmentsOf(value, next, tags);
    // The hit's copy of the field: its folded values, a stale copy, or none asked for.
    const copy = [values.map((v) => foldWords(v)), ["stale"], undefined][Math.floor(i / 3) % 3];
    const source: Record<string, unknown> = { _exact: { body: values } };
    if (copy) source.body = copy;
    const highlight = { body: [...fragments] };
    unfoldedHit(source, highlight, tags);
    assert.deepEqual(source, copy ? { body: values } : {});
    const expected = fragments.map((f) => formerFragment(f, values, tags) ?? f);
    assert.deepEqual(highlight.body, expected, JSON.stringify({ values, fragments, tags }));
    compared += fragments.length;
    placed += expected.filter((f, k) => f !== fragments[k]).length;
  }
  assert.ok(compared >= 1600 && placed >= 400, `${compared} compared, ${placed} placed`);
});

// The former placement took an empty \`pre\` for a mark everywhere, so never saw \`post\`.
Deno.test("an empty tag marks nothing; the other is still placed", () => {
  const source: Record<string, unknown> = { body: "", _exact: { body: "café noir" } };
  const highlight = { body: ["cafe</em> noir"] };
  unfoldedHit(source, highlight, { pre: "", post: "</em>" });
  assert.deepEqual(highlight.body, ["café</em> noir"]);
});
