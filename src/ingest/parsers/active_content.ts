/**
 * An e-mail's HTML body without active content (scripts, styles, frames, event handlers,
 * `javascript:` links), in time linear in its length: each step finds what a regular expression
 * found, without the rescans to the end of the value that made those quadratic on a crafted
 * message (many `<body`, `<script` or `<meta` starts, or white space after `href=`).
 */
import { removeRawElements, replaceUpTo } from "../../text/bounded_replace.ts";

/**
 * `(href|src)\s*=\s*(["']?)\s*javascript:[^"'>\s]*\2`: the quote is optional in a group of its
 * own, so that without one two `\s*` do not split the same white space in every way.
 */
const JAVASCRIPT_LINK = /(href|src)\s*=\s*(?:(["'])\s*)?javascript:[^"'>\s]*\2/gi;

/** The HTML of a message, its `<body>` content when it has one, without active content. */
export function withoutActiveContent(html: string): string {
  const body = bodyContent(html) ?? html;
  const raw = ["script", "style", "iframe", "object", "embed", "head"];
  return replaceUpTo(
    removeRawElements(body, raw),
    /<(script|style|iframe|object|embed|meta|link)\b[^>]*>/gi,
    ">",
    "",
  )
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
    .replace(JAVASCRIPT_LINK, "$1=$2#$2")
    .trim();
}

/**
 * `/<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1]`: from the first `<body…>` to the last
 * `</body>`. When that fails every later `<body` fails too (its `>` is no earlier), which the
 * expression finds out by scanning to the end from each.
 */
function bodyContent(html: string): string | undefined {
  const start = /<body/i.exec(html);
  const open = start ? html.indexOf(">", start.index + 5) : -1;
  if (open < 0) return undefined;
  let close = -1;
  for (const m of html.matchAll(/<\/body>/gi)) close = m.index;
  return close > open ? html.slice(open + 1, close) : undefined;
}
