/**
 * Regular-expression replacements over HTML in time linear in its length. A pattern such as
 * `<[^>]*>` rescans to the end of the value from every `<` when no `>` follows (quadratic time a
 * client can ask for with one body_html). Every match of such a pattern ends with a known
 * string, so matching only up to the last occurrence of it finds exactly the same matches.
 */

/**
 * `text.replace(pattern, replacement)` for a global `pattern` whose every match ends with
 * `last` (and that has no `$` or lookahead), matched only up to the last `last`; `replacement`
 * may be a function of the match.
 */
export function replaceUpTo(
  text: string,
  pattern: RegExp,
  last: string,
  replacement: string | ((match: string) => string),
): string {
  const at = text.lastIndexOf(last);
  if (at < 0) return text;
  const end = at + last.length;
  const head = text.slice(0, end);
  const replaced = typeof replacement === "string"
    ? head.replace(pattern, replacement)
    : head.replace(pattern, replacement);
  return replaced + text.slice(end);
}

/**
 * `html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")` (or with other `names`, none
 * a prefix of another): each element removed with its content, up to its first closing tag. A
 * start after the last closing tag of its name is skipped without the scan to the end that the
 * regular expression does.
 */
export function removeRawElements(html: string, names = ["script", "style"]): string {
  const alternatives = names.join("|");
  const lastClose = new Map<string, number>();
  for (const m of html.matchAll(new RegExp(`<\\/(${alternatives})\\s*>`, "gi"))) {
    lastClose.set(m[1]!.toLowerCase(), m.index);
  }
  if (lastClose.size === 0) return html;
  const open = new RegExp(`<(${alternatives})\\b`, "gi");
  let out = "";
  let at = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const name = m[1]!.toLowerCase();
    const from = m.index + m[0].length;
    if ((lastClose.get(name) ?? -1) < from) continue;
    const close = new RegExp(`<\\/${name}\\s*>`, "gi");
    close.lastIndex = from;
    const end = close.exec(html)!;
    out += html.slice(at, m.index);
    at = open.lastIndex = end.index + end[0].length;
  }
  return out + html.slice(at);
}
