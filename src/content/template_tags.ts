/**
 * The tags of a template (`{{ output }}`, `{% statement %}` with optional `-` trim marks,
 * `{# comment #}`), found in time linear in its length. It finds exactly what
 *
 *   /\{\{([\s\S]*?)\}\}|\{%-?([\s\S]*?)-?%\}|\{#[\s\S]*?#\}/g
 *
 * finds, without that expression's scan to the end from every `{{`, `{%` or `{#` that nothing
 * closes (quadratic on a template field full of them).
 */
import { forwardSearch } from "../text/forward_search.ts";

/** One match: `source.slice(index, end)`; an output's or a statement's text (a comment has none). */
export interface TemplateTag {
  index: number;
  end: number;
  output?: string;
  statement?: string;
}

/** The tags of `source`, in order. */
export function* templateTags(source: string): Generator<TemplateTag> {
  const outputEnd = forwardSearch(source, "}}");
  const statementEnd = forwardSearch(source, "%}");
  const commentEnd = forwardSearch(source, "#}");
  let i = source.indexOf("{");
  while (i >= 0) {
    const tag = tagAt(i);
    if (tag) {
      yield tag;
      i = source.indexOf("{", tag.end);
    } else i = source.indexOf("{", i + 1);
  }

  function tagAt(i: number): TemplateTag | undefined {
    const kind = source[i + 1];
    if (kind === "{") {
      const close = outputEnd(i + 2);
      return close < 0
        ? undefined
        : { index: i, end: close + 2, output: source.slice(i + 2, close) };
    }
    if (kind === "%") {
      // The first `%}` ends it; a `-` before that `%}` (and after the opening) is its trim mark.
      const start = source[i + 2] === "-" ? i + 3 : i + 2;
      const close = statementEnd(start);
      if (close < 0) return undefined;
      const textEnd = close > start && source[close - 1] === "-" ? close - 1 : close;
      return { index: i, end: close + 2, statement: source.slice(start, textEnd) };
    }
    if (kind === "#") {
      const close = commentEnd(i + 2);
      return close < 0 ? undefined : { index: i, end: close + 2 };
    }
    return undefined;
  }
}
