/**
 * Text with its words ASCII-folded in place: what Elasticsearch indexes for a field whose
 * analyzer should fold accents, when it has no `asciifolding` filter (the distribution we test
 * on has no analysis-common module). Each word the standard analyzer finds is replaced by its
 * folding (`ascii_folding.ts`); everything between words is kept, so Elasticsearch's standard
 * analyzer finds the same words, now folded, and lowercases them as Lucene's `lowercase` before
 * `asciifolding` would (a few symbols differ: README, Search). The offsets map a highlight of
 * the folded text back onto the original.
 */
import { foldToAscii } from "./ascii_folding.ts";
import { forEachToken } from "./standard_analyzer.ts";

const NON_ASCII = /[\x80-\uffff]/;
/**
 * A run between spaces, CRs and LFs holding a non-ASCII character. Those three always end a
 * word (UAX #29: no rule joins across them; a mark after a space belongs to the space), so
 * analysing such runs alone finds the words the whole text has.
 */
const NON_ASCII_RUN = /[^ \n\r]*[\x80-\uffff][^ \n\r]*/g;

/** Characters `query_string` reads as syntax, escaped where folding produces them. */
const QUERY_SYNTAX = /[+\-=&|><!(){}[\]^"~*?:\\/\s]/g;

/** `text` with its words folded; `escape` backslash-escapes `query_string` syntax the folding
 * produces (`：` → `\:`), so folding a query's text does not change how it parses. */
export function foldWords(text: string, { escape = false } = {}): string {
  // Only characters past ASCII fold: most values have none, and need no analysis; the others
  // only around them (a news article's few accents need not analyse all its words).
  if (!NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII_RUN, (run) => foldedRun(run, escape));
}

/** Folded text (unescaped) mapped back onto the text it comes from, unit by unit. */
export interface FoldedSpans {
  text: string;
  /** Where the original character of unit `k` of `text` starts (undefined outside `text`). */
  start(k: number): number | undefined;
  /** Where it ends (undefined outside `text`). */
  end(k: number): number | undefined;
}

/**
 * Where folding changed a text: change c puts units [ats[c], ats[c] + lengths[c]) of the folded
 * text in place of the original unit origins[c]; past it, folded unit k is original unit
 * k + shifts[c].
 */
class Changes {
  readonly ats: number[] = [];
  readonly lengths: number[] = [];
  readonly origins: number[] = [];
  readonly shifts: number[] = [];

  add(origin: number, at: number, length: number) {
    this.ats.push(at);
    this.lengths.push(length);
    this.origins.push(origin);
    this.shifts.push(origin + 1 - (at + length));
  }

  /** The spans of `folded`: a pair per change, every other unit its own character shifted. */
  spans(folded: string): FoldedSpans {
    const { ats, lengths, origins, shifts } = this;
    const span = (k: number, past: number) => {
      if (k < 0 || k >= folded.length) return undefined;
      // The last change at or before k, by bisection (-1: none).
      let low = 0;
      let high = ats.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (ats[mid]! <= k) low = mid + 1;
        else high = mid - 1;
      }
      if (high < 0) return k + past;
      if (k < ats[high]! + lengths[high]!) return origins[high]! + past;
      return k + shifts[high]! + past;
    };
    return { text: folded, start: (k) => span(k, 0), end: (k) => span(k, 1) };
  }
}

/**
 * `foldWords` with spans, kept only for the characters folding changed; every other unit maps
 * to its character. A long text costs its folded characters' offsets, not a pair per unit.
 */
export function foldedSpans(text: string): FoldedSpans {
  const changes = new Changes();
  if (!NON_ASCII.test(text)) return changes.spans(text);
  let grown = 0;
  const folded = text.replace(NON_ASCII_RUN, (run: string, offset: number) => {
    const base = offset + grown;
    const out = foldedRun(run, false, (from, at, length) => {
      changes.add(offset + from, base + at, length);
    });
    grown += out.length - run.length;
    return out;
  });
  return changes.spans(folded);
}

/**
 * The spans of `folded`, the folding of `text` the index already holds, found by walking both
 * without analysing words: a non-ASCII unit either stays or gives way to its `foldToAscii`
 * (which is ASCII, so the two never look alike). Undefined when `folded` is not a folding of
 * `text` so read (then `foldedSpans` analyses it).
 */
export function alignedSpans(text: string, folded: string): FoldedSpans | undefined {
  const changes = new Changes();
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (folded.charCodeAt(j) === unit) {
      j++;
      continue;
    }
    if (unit < 0x80) return undefined;
    const ascii = foldToAscii(text[i]!);
    if (ascii === text[i] || !folded.startsWith(ascii, j)) return undefined;
    changes.add(i, j, ascii.length);
    j += ascii.length;
  }
  return j === folded.length ? changes.spans(folded) : undefined;
}

/**
 * The folding of `text` analysed as a whole; `onFold` hears of each changed unit: its index
 * `from` in `text`, where its folding starts in the result (`at`), and that folding's length.
 */
export function foldedRun(
  text: string,
  escape: boolean,
  onFold?: (from: number, at: number, length: number) => void,
): string {
  let out = "";
  let at = 0;
  forEachToken(text, (_token, start, end) => {
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) < 0x80) continue;
      const unit = text[i]!;
      let folded = foldToAscii(unit);
      if (folded === unit) continue;
      out += text.slice(at, i);
      if (escape) folded = folded.replace(QUERY_SYNTAX, (c) => `\\${c}`);
      onFold?.(i, out.length, folded.length);
      out += folded;
      at = i + 1;
    }
  });
  return out + text.slice(at);
}
