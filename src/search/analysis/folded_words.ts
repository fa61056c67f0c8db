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
  return foldedWords(text, escape).text;
}

/** Folded text and, for each of its UTF-16 units, the span of `text` it comes from. */
export interface FoldedText {
  text: string;
  starts: number[];
  ends: number[];
}

/** `foldWords` with offsets (the spans are computed only when `offsets` is true). */
export function foldedWords(text: string, escape = false, offsets = false): FoldedText {
  if (offsets) return foldedRun(text, escape, true);
  // Only characters past ASCII fold: most values have none, and need no analysis; the others
  // only around them (a news article's few accents need not analyse all its words).
  if (!NON_ASCII.test(text)) return { text, starts: [], ends: [] };
  const folded = text.replace(NON_ASCII_RUN, (run) => foldedRun(run, escape, false).text);
  return { text: folded, starts: [], ends: [] };
}

/** The folding of `text`, analysed as a whole. */
function foldedRun(text: string, escape: boolean, offsets: boolean): FoldedText {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  const keep = (to: number) => {
    if (offsets) {
      for (let i = at; i < to; i++) {
        starts.push(i);
        ends.push(i + 1);
      }
    }
    out += text.slice(at, to);
    at = to;
  };
  forEachToken(text, (_token, start, end) => {
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) < 0x80) continue;
      const unit = text[i]!;
      let folded = foldToAscii(unit);
      if (folded === unit) continue;
      keep(i);
      if (escape) folded = folded.replace(QUERY_SYNTAX, (c) => `\\${c}`);
      out += folded;
      if (offsets) {
        for (let k = 0; k < folded.length; k++) {
          starts.push(i);
          ends.push(i + 1);
        }
      }
      at = i + 1;
    }
  });
  keep(text.length);
  return { text: out, starts, ends };
}
