/**
 * The paragraphs of HTML as `/<p\b[^>]*>([\s\S]*?)<\/p>/gi` finds them (`first_paragraph`), in
 * time linear in its length: when one start has no `>` or no `</p>` after it, no later start has
 * either, where the expression would scan to the end again from each.
 */

/** One match: the whole element and its content. */
export interface Paragraph {
  html: string;
  text: string;
}

/** The paragraphs of `html`, in order. */
export function* paragraphs(html: string): Generator<Paragraph> {
  const start = /<p\b/gi;
  const close = /<\/p>/gi;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const open = html.indexOf(">", m.index + 2);
    if (open < 0) return;
    close.lastIndex = open + 1;
    const end = close.exec(html);
    if (!end) return;
    yield { html: html.slice(m.index, end.index + 4), text: html.slice(open + 1, end.index) };
    start.lastIndex = end.index + 4;
  }
}
