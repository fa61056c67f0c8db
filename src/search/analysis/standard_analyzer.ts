/**
 * Elasticsearch's `standard` analyzer, reproduced so that the embedded index finds exactly the
 * words Elasticsearch finds: Lucene's StandardTokenizer (the word rules of Unicode UAX #29: `U.S`,
 * `o'neil's`, `1,000.5`, `foo_bar` and `ow.ly` stay one word; each Han ideograph and Hiragana
 * character is a word; runs of Thai, Lao, Myanmar or Khmer are one word; emoji are words;
 * words longer than 255 UTF-16 units are cut into pieces of 255), then Lucene's per-code-point
 * lowercasing (`Σ` → `σ` everywhere, `İ` → `i`). `Intl.Segmenter` is not used: ICU's rules
 * split `U.S.` and `a:b`, and segment Chinese by dictionary, where Lucene does not.
 */

/** Word_Break classes the tokenizer needs. */
const enum C {
  Other = 0,
  ALetter,
  Hebrew,
  Numeric,
  Katakana,
  MidLetter,
  MidNum,
  MidNumLet,
  SingleQuote,
  DoubleQuote,
  ExtendNumLet,
  /** Extend, Format and ZWJ: ignored inside words (rule WB4). */
  Extend,
  /** Han ideographs and Hiragana: one word per character. */
  Single,
  /** Complex-context scripts (Thai, Lao, Myanmar, Khmer...): one word per run. */
  SouthEastAsian,
  Emoji,
  RegionalIndicator,
}

/** Lucene's default `max_token_length`. */
export const MAX_TOKEN_LENGTH = 255;

const MID_LETTER = new Set([0x3a, 0xb7, 0x387, 0x55f, 0x5f4, 0x2027, 0xfe13, 0xfe55, 0xff1a]);
const MID_NUM = new Set([
  0x2c,
  0x3b,
  0x37e,
  0x589,
  0x60c,
  0x60d,
  0x66c,
  0x7f8,
  0x2044,
  0xfe10,
  0xfe14,
  0xfe50,
  0xfe54,
  0xff0c,
  0xff1b,
]);
const MID_NUM_LET = new Set([0x2e, 0x2018, 0x2019, 0x2024, 0xfe52, 0xff07, 0xff0e]);
const SOUTH_EAST_ASIAN =
  /[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}]/u;
const SINGLE = /[\p{Script=Han}\p{Script=Hiragana}\u3005\u3007\u303b]/u;
const KATAKANA = /[\p{Script=Katakana}\u3031-\u3035\u309b\u309c\u30a0\u30fc\uff70]/u;
const HEBREW = /\p{Script=Hebrew}/u;
const LETTER =
  /[\p{Alphabetic}\u02c2-\u02c5\u02d2-\u02d7\u02de\u02df\u02ed\u02ef-\u02ff\u05f3\ua708-\ua716\ua720\ua721\ua789\ua78a\uab5b]/u;
const EXTEND = /[\p{M}\p{Cf}\p{Emoji_Modifier}\u200d\uff9e\uff9f]/u;
const NUMERIC = /\p{Nd}/u;
const EMOJI = /\p{Extended_Pictographic}/u;

function classify(cp: number): C {
  if (MID_LETTER.has(cp)) return C.MidLetter;
  if (MID_NUM.has(cp)) return C.MidNum;
  if (MID_NUM_LET.has(cp)) return C.MidNumLet;
  if (cp === 0x27) return C.SingleQuote;
  if (cp === 0x22) return C.DoubleQuote;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return C.RegionalIndicator;
  const ch = String.fromCodePoint(cp);
  if (cp === 0x5f || /\p{Pc}/u.test(ch) || cp === 0x202f) return C.ExtendNumLet;
  if (cp === 0x200b || cp === 0x200c) return C.Other;
  if (EXTEND.test(ch)) return C.Extend;
  if (NUMERIC.test(ch) && !(cp >= 0xff10 && cp <= 0xff19)) return C.Numeric;
  if (SOUTH_EAST_ASIAN.test(ch) && LETTER.test(ch)) return C.SouthEastAsian;
  if (SINGLE.test(ch)) return C.Single;
  if (KATAKANA.test(ch)) return C.Katakana;
  if (HEBREW.test(ch) && LETTER.test(ch)) return C.Hebrew;
  if (LETTER.test(ch) || (cp >= 0xff10 && cp <= 0xff19)) return C.ALetter;
  if (EMOJI.test(ch)) return C.Emoji;
  return C.Other;
}

/** Classes of the Basic Multilingual Plane, computed on first use. */
let bmp: Uint8Array | undefined;

function table(): Uint8Array {
  if (!bmp) {
    bmp = new Uint8Array(0x10000);
    for (let i = 0; i < 0x10000; i++) bmp[i] = classify(i);
  }
  return bmp;
}

function classOf(cp: number): C {
  return cp < 0x10000 ? table()[cp]! as C : classify(cp);
}

const isAHLetter = (c: C) => c === C.ALetter || c === C.Hebrew;
const isWordChar = (c: C) =>
  c === C.ALetter || c === C.Hebrew || c === C.Numeric || c === C.Katakana;

/** The words of `text` as Elasticsearch's `standard` analyzer produces them. */
export function standardTokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (token) => out.push(token));
  return out;
}

/** Receives one token and where it is in the text (UTF-16 offsets, end exclusive). */
export type TokenSink = (token: string, start: number, end: number) => void;

/** Calls `emit` with each token of `text` (see the module doc), in order. */
export function forEachToken(text: string, emit: TokenSink): void {
  const n = text.length;
  const at = (i: number): C => {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) return table()[unit]! as C;
    return classOf(text.codePointAt(i)!);
  };
  const width = (i: number) => {
    const unit = text.charCodeAt(i);
    return unit >= 0xd800 && unit <= 0xdbff && i + 1 < n ? 2 : 1;
  };
  /** Index of the next character after the one at `i` that is not Extend (WB4). */
  const next = (i: number) => {
    let j = i + width(i);
    while (j < n && at(j) === C.Extend) j += width(j);
    return j;
  };
  let i = 0;
  while (i < n) {
    const c = at(i);
    if (c === C.Other || c === C.Extend || (c >= C.MidLetter && c <= C.DoubleQuote)) {
      i += width(i);
      continue;
    }
    let end: number;
    let emits = true;
    if (c === C.Single) {
      end = next(i);
    } else if (c === C.SouthEastAsian) {
      end = next(i);
      while (end < n && at(end) === C.SouthEastAsian) end = next(end);
    } else if (c === C.Emoji) {
      end = next(i);
      // A ZWJ sequence (WB3c) is one emoji: the ZWJ was skipped as Extend.
      while (end < n && at(end) === C.Emoji && text.charCodeAt(end - 1) === 0x200d) {
        end = next(end);
      }
    } else if (c === C.RegionalIndicator) {
      end = next(i);
      if (end < n && at(end) === C.RegionalIndicator) end = next(end);
    } else {
      ({ end, emits } = word(at, i, n, next));
    }
    if (emits) emitPieces(text, i, end, emit);
    i = end;
  }
}

/** Extends a word from `i` by the UAX #29 rules WB5–WB13b; `emits` unless only connectors. */
function word(
  at: (i: number) => C,
  i: number,
  n: number,
  next: (i: number) => number,
): { end: number; emits: boolean } {
  let prev = at(i);
  let emits = isWordChar(prev);
  let j = next(i);
  while (j < n) {
    const c = at(j);
    if (joins(prev, c)) {
      prev = c;
      emits ||= isWordChar(c);
      j = next(j);
      continue;
    }
    // WB6/7, WB7b/c, WB11/12: a middle character between two letters or two digits.
    const after = next(j);
    const c2 = after < n ? at(after) : C.Other;
    const midLetter = c === C.MidLetter || c === C.MidNumLet || c === C.SingleQuote;
    const midNum = c === C.MidNum || c === C.MidNumLet || c === C.SingleQuote;
    if (
      (isAHLetter(prev) && midLetter && isAHLetter(c2)) ||
      (prev === C.Hebrew && c === C.DoubleQuote && c2 === C.Hebrew) ||
      (prev === C.Numeric && midNum && c2 === C.Numeric)
    ) {
      prev = c2;
      j = next(after);
      continue;
    }
    // WB7a: a Hebrew letter keeps a following apostrophe.
    if (prev === C.Hebrew && c === C.SingleQuote) j = next(j);
    break;
  }
  return { end: j, emits };
}

/** WB5, WB8–WB10, WB13, WB13a, WB13b: no break between `a` and `b`. */
function joins(a: C, b: C): boolean {
  if (isAHLetter(a) || a === C.Numeric) {
    return isAHLetter(b) || b === C.Numeric || b === C.ExtendNumLet;
  }
  if (a === C.Katakana) return b === C.Katakana || b === C.ExtendNumLet;
  if (a === C.ExtendNumLet) {
    return isAHLetter(b) || b === C.Numeric || b === C.Katakana || b === C.ExtendNumLet;
  }
  return false;
}

function emitPieces(text: string, start: number, end: number, emit: TokenSink): void {
  const token = lowercase(text.slice(start, end));
  if (token.length <= MAX_TOKEN_LENGTH) {
    emit(token, start, end);
    return;
  }
  for (let at = 0; at < token.length; at += MAX_TOKEN_LENGTH) {
    const piece = token.slice(at, at + MAX_TOKEN_LENGTH);
    emit(piece, Math.min(end, start + at), Math.min(end, start + at + piece.length));
  }
}

/** Lucene's LowerCaseFilter: simple per-code-point lowercase, no context or expansion. */
export function lowercase(text: string): string {
  if (!/[\u03a3\u0130]/.test(text)) return text.toLowerCase();
  let out = "";
  for (const ch of text) {
    out += ch === "\u0130" ? "i" : ch === "\u03a3" ? "\u03c3" : ch.toLowerCase();
  }
  return out;
}
