/**
 * The tags of editor HTML for `htmlToXml`, found in time linear in its length. It finds exactly
 * what this regular expression finds when applied globally:
 *
 *   /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|
 *    <([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g
 *
 * but that expression walks the attributes to the end of the value again from every tag start
 * that a `>` does not close (`<p a ` many times, then `/x>`), and scans to the end for `-->` from
 * every `<!--` when none follows: quadratic time one body_html can ask for at publishing.
 *
 * Attributes: after the tag name and after each attribute the expression is in the same state
 * (its attribute loop), whatever tag it started from, so what it finds from such a position is
 * computed once. Its only choice there is a quoted value, which is read up to the closing quote
 * first and, if the tag then fails, as an unquoted value (`a="x"y>` is `a` = `"x"y`); every other
 * part matches in one way only (each run is the longest its characters allow, anything shorter
 * leaves a character nothing after it accepts).
 */

import { forwardSearch } from "../../text/forward_search.ts";

/** One match: `html.slice(index, end)`; a closing tag's name, or an opening tag's parts. */
export interface TagMatch {
  index: number;
  end: number;
  close?: string;
  open?: string;
  /** The source of the attributes, from the name to the end (`\s*\/?>` excluded). */
  attributes?: string;
  selfClosing?: boolean;
}

const GT = 62;
const SLASH = 47;
const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** `/\s/` (ECMAScript white space and line terminators) for one UTF-16 code unit. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 ||
    c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[\w:-]` */
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 58) || c === 95 || c === 45;
}

/** `[^\s=/>]` */
function isAttributeNameChar(c: number): boolean {
  return c === c /* not NaN: past the end */ && c !== EQUALS && c !== SLASH && c !== GT &&
    !isSpace(c);
}

// The end of a run of `[\w:-]`, `\s`, `[^\s=/>]` and `[^\s>]` from `p`.
function skipNames(html: string, p: number): number {
  while (p < html.length && isNameChar(html.charCodeAt(p))) p++;
  return p;
}

function skipSpaces(html: string, p: number): number {
  while (p < html.length && isSpace(html.charCodeAt(p))) p++;
  return p;
}

function skipAttributeName(html: string, p: number): number {
  while (p < html.length && isAttributeNameChar(html.charCodeAt(p))) p++;
  return p;
}

function skipUnquoted(html: string, p: number): number {
  for (; p < html.length; p++) {
    const c = html.charCodeAt(p);
    if (c === GT || isSpace(c)) break;
  }
  return p;
}

/** The matches of `html`, in order (see the module doc). */
export function* tagMatches(html: string): Generator<TagMatch> {
  const nextGt = forwardSearch(html, ">");
  const nextCommentEnd = forwardSearch(html, "-->");
  const nextCdataEnd = forwardSearch(html, "]]>");
  const attributesEnd = attributeWalker(html);

  let i = html.indexOf("<");
  while (i >= 0) {
    const match = matchAt(i);
    if (match) {
      yield match;
      i = html.indexOf("<", match.end);
    } else i = html.indexOf("<", i + 1);
  }

  function matchAt(i: number): TagMatch | undefined {
    const c = html.charCodeAt(i + 1);
    if (c === 33 || c === 63) { // `!`, `?`
      const closed = html.startsWith("<!--", i)
        ? nextCommentEnd(i + 4)
        : html.startsWith("<![CDATA[", i)
        ? nextCdataEnd(i + 9)
        : -1;
      if (closed >= 0) return { index: i, end: closed + 3 };
      const gt = nextGt(i + 2);
      return gt < 0 ? undefined : { index: i, end: gt + 1 };
    }
    if (c === SLASH) {
      if (!isLetter(html.charCodeAt(i + 2))) return undefined;
      const nameEnd = skipNames(html, i + 3);
      const gt = skipSpaces(html, nameEnd);
      if (html.charCodeAt(gt) !== GT) return undefined;
      return { index: i, end: gt + 1, close: html.slice(i + 2, nameEnd) };
    }
    if (!isLetter(c)) return undefined;
    const nameEnd = skipNames(html, i + 2);
    const end = attributesEnd(nameEnd);
    if (end < 0) return undefined;
    const last = skipSpaces(html, end);
    const selfClosing = html.charCodeAt(last) === SLASH;
    return {
      index: i,
      end: last + (selfClosing ? 2 : 1),
      open: html.slice(i + 1, nameEnd),
      attributes: html.slice(nameEnd, end),
      selfClosing,
    };
  }
}

/**
 * For a position where the attribute loop starts (after a tag name), where the loop ends when the
 * tag's `\s*\/?>` follows, or -1 when the expression finds no tag from there.
 */
function attributeWalker(html: string): (from: number) => number {
  const n = html.length;
  const memo = new Map<number, number>();

  /**
   * From loop position `p`: where the loop ends (or -1) if that is decided here, else the loop
   * positions after the next attribute, best first.
   */
  function step(p: number): number | number[] {
    const nameStart = skipSpaces(html, p);
    const c = html.charCodeAt(nameStart);
    if (nameStart === p || !isAttributeNameChar(c)) {
      // No attribute follows: the loop ends here if the tag does.
      const slash = c === SLASH ? 1 : 0;
      return html.charCodeAt(nameStart + slash) === GT ? p : -1;
    }
    const nameEnd = skipAttributeName(html, nameStart + 1);
    const equals = skipSpaces(html, nameEnd);
    // Without `=` the attribute is its name; with one, a value must follow (leaving it out
    // leaves the `=`, which nothing after a name accepts).
    if (html.charCodeAt(equals) !== EQUALS) return [nameEnd];
    const value = skipSpaces(html, equals + 1);
    const q = html.charCodeAt(value);
    if (value >= n || q === GT) return -1;
    const unquoted = skipUnquoted(html, value + 1);
    if (q !== DOUBLE_QUOTE && q !== SINGLE_QUOTE) return [unquoted];
    const closing = html.indexOf(html[value]!, value + 1);
    return closing < 0 ? [unquoted] : [closing + 1, unquoted];
  }

  // Depth first over the loop positions, best first, without recursion (a tag's attributes can
  // be as many as the value's characters allow).
  return (from) => {
    const first = memo.get(from) ?? step(from);
    if (typeof first === "number") return first; // a tag without attributes
    const stack = [{ at: from, next: first, tried: 0 }];
    let open: number | undefined;
    let result: number | undefined;
    for (;;) {
      if (open !== undefined) {
        // What `step` decides is not remembered: few positions lead to each such position.
        const decided = memo.get(open) ?? step(open);
        if (typeof decided === "number") result = decided;
        else stack.push({ at: open, next: decided, tried: 0 });
        open = undefined;
      }
      const top = stack.at(-1);
      if (!top) return result!;
      if (result !== undefined && result >= 0) {
        memo.set(top.at, result);
        stack.pop();
        continue;
      }
      result = undefined;
      if (top.tried < top.next.length) open = top.next[top.tried++];
      else {
        memo.set(top.at, -1);
        stack.pop();
        result = -1;
      }
    }
  };
}
