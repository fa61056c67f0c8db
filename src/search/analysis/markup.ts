/**
 * The markup of an HTML value (comments, `script`/`style` with their content, tags and
 * declarations), found in time linear in its length. It finds exactly what this regular
 * expression finds when applied globally:
 *
 *   /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|
 *    <\/?([a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<[!?][^>]*>/g
 *
 * but that expression rescans to the end of the value from every `<` that starts no match (many
 * `<script` or `<p a=` and no `>`), quadratic time a client can ask for with one body_html.
 * Tags start with a letter, `/`, `!` or `?`; a lone `<` (as in "a < b") is text.
 */

/** One match: `html.slice(index, end)`; `raw` is `script`/`style`, `tag` a tag's name. */
export interface Markup {
  index: number;
  end: number;
  raw?: string;
  tag?: string;
}

const WORD = /\w/;
const NAME_START = /[a-zA-Z]/;
const NAME = /[\w:-]/;
const SPACE = /\s/;

/** For each position of `html`, the next `>`, `"` or `'` at or after it (`html.length` if none). */
function nextSpecial(html: string): Int32Array {
  const next = new Int32Array(html.length + 1);
  let at = html.length;
  next[at] = at;
  for (let p = html.length - 1; p >= 0; p--) {
    const c = html.charCodeAt(p);
    if (c === 62 || c === 34 || c === 39) at = p;
    next[p] = at;
  }
  return next;
}

/** The markup of `html`, in order (see the module doc). */
export function* markupMatches(html: string): Generator<Markup> {
  const n = html.length;
  // The next `>` at or after a position: one search serves every position up to its result.
  let gtFrom = -1;
  let gtAt = -1;
  const nextGt = (from: number): number => {
    if (gtFrom < 0 || from < gtFrom || (gtAt >= 0 && from > gtAt)) {
      gtFrom = from;
      gtAt = html.indexOf(">", from);
    }
    return gtAt;
  };
  // A tag's attribute part walks from one `>`, `"` or `'` (outside quotes) to the next, and
  // walks from different tags merge; so the next of those at each position is computed once,
  // and a position from which a walk found no `>` is remembered, so no walk repeats it.
  let special: Int32Array | undefined;
  const failed = new Set<number>();
  const attributesEnd = (from: number): number => {
    special ??= nextSpecial(html);
    const path: number[] = [];
    let end = -1;
    for (let p = from; p < n;) {
      const e = special[p]!;
      if (e >= n || failed.has(e)) break;
      path.push(e);
      const c = html[e];
      if (c === ">") {
        end = e + 1;
        break;
      }
      const close = html.indexOf(c!, e + 1);
      if (close < 0) break;
      p = close + 1;
    }
    if (end < 0) { for (const e of path) failed.add(e); }
    return end;
  };
  let i = html.indexOf("<");
  while (i >= 0) {
    const m = matchAt(i);
    if (m) {
      yield m;
      i = html.indexOf("<", m.end);
    } else i = html.indexOf("<", i + 1);
  }

  function matchAt(i: number): Markup | undefined {
    if (html.startsWith("<!--", i)) {
      const close = html.indexOf("-->", i + 4);
      return { index: i, end: close < 0 ? n : close + 3 };
    }
    for (const raw of ["script", "style"]) {
      const after = i + 1 + raw.length;
      if (!html.startsWith(raw, i + 1) || (after < n && WORD.test(html[after]!))) continue;
      const gt = nextGt(after);
      if (gt < 0) break;
      return { index: i, end: rawEnd(raw, gt + 1), raw };
    }
    let p = i + 1;
    if (html[p] === "/") p++;
    if (p < n && NAME_START.test(html[p]!)) {
      const nameStart = p;
      for (p++; p < n && NAME.test(html[p]!); p++);
      const end = attributesEnd(p);
      if (end >= 0) return { index: i, end, tag: html.slice(nameStart, p) };
    }
    const c = html[i + 1];
    if (c === "!" || c === "?") {
      const gt = nextGt(i + 2);
      if (gt >= 0) return { index: i, end: gt + 1 };
    }
    return undefined;
  }

  /** The end of a `raw` element whose content starts at `from`: after `</raw\s*>`, or `n`. */
  function rawEnd(raw: string, from: number): number {
    const close = `</${raw}`;
    for (let at = html.indexOf(close, from); at >= 0; at = html.indexOf(close, at + 1)) {
      let p = at + close.length;
      while (p < n && SPACE.test(html[p]!)) p++;
      if (html[p] === ">") return p + 1;
    }
    return n;
  }
}
