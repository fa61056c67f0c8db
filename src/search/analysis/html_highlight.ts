/**
 * Highlights on the stored HTML. Both engines index the text of an HTML field (`html_text.ts`)
 * and so highlight that text; Elasticsearch with Superdesk's `html_strip` char filter highlights
 * the original instead (its offsets point into the HTML), so `This is a <b>div</b>` comes back as
 * `This is a <b><em>div</em></b>`, tags kept. `htmlHighlight` re-applies a text highlight's tags
 * at the same offsets of the original, as that char filter's offset map does.
 */
import { escapeText } from "../../content/html_text.ts";
import { BLOCK, decodeEntity, ENTITY } from "./html_text.ts";
import { markupMatches } from "./markup.ts";

/** The text of `html` as `htmlToText` makes it, with each text unit's span in `html`. */
interface MappedText {
  text: string;
  starts: number[];
  ends: number[];
}

function mappedText(html: string): MappedText {
  // First the markup, then character references in what is left, as `htmlToText` does.
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  const plain = (to: number) => {
    for (; at < to; at++) {
      text += html[at];
      starts.push(at);
      ends.push(at + 1);
    }
  };
  for (const m of markupMatches(html)) {
    plain(m.index);
    if (m.raw || (m.tag && BLOCK.has(m.tag.toLowerCase()))) {
      text += "\n";
      starts.push(m.index);
      ends.push(m.end);
    }
    at = m.end;
  }
  plain(html.length);
  let decoded = "";
  const dStarts: number[] = [];
  const dEnds: number[] = [];
  let from = 0;
  const copy = (to: number) => {
    decoded += text.slice(from, to);
    // One push per unit: spreading a long run as arguments overflows the stack (~120k units).
    for (let i = from; i < to; i++) {
      dStarts.push(starts[i]!);
      dEnds.push(ends[i]!);
    }
  };
  for (const m of text.matchAll(ENTITY)) {
    copy(m.index);
    const value = decodeEntity(m[0], m[1], m[2], m[3]);
    const start = starts[m.index]!;
    const end = ends[m.index + m[0].length - 1]!;
    for (let i = 0; i < value.length; i++) {
      dStarts.push(start);
      dEnds.push(end);
    }
    decoded += value;
    from = m.index + m[0].length;
  }
  copy(text.length);
  return { text: decoded, starts: dStarts, ends: dEnds };
}

/**
 * `highlighted` (a whole-value highlight of `html`'s text, as `number_of_fragments: 0` asks, its
 * marked words between `pre` and `post`) with the marks placed in `html` instead; undefined when
 * it is not a highlight of that text.
 */
export function htmlHighlight(
  html: string,
  highlighted: string,
  pre: string,
  post: string,
): string | undefined {
  const { text, starts, ends } = mappedText(html);
  const marks = marksOf(highlighted, text, pre, post);
  if (!marks) return undefined;
  let out = "";
  let at = 0;
  for (const { from, to } of marks) {
    const start = starts[from]!;
    const end = ends[to - 1]!;
    if (start < at) return undefined;
    out += html.slice(at, start) + pre + html.slice(start, end) + post;
    at = end;
  }
  return out + html.slice(at);
}

/**
 * The marked spans of `text` in `highlighted`, read beside the text itself: the text may hold
 * the tags (an HTML field showing markup as text), and a mark never starts at a `pre` that is
 * text, nor runs past its word's end, where its `post` is.
 */
function marksOf(highlighted: string, text: string, pre: string, post: string) {
  const marks: Array<{ from: number; to: number }> = [];
  let open = -1;
  let i = 0;
  for (let j = 0; j < highlighted.length;) {
    if (open >= 0 && highlighted.startsWith(post, j)) {
      if (i > open) marks.push({ from: open, to: i });
      open = -1;
      j += post.length;
    } else if (open < 0 && highlighted.startsWith(pre, j) && !text.startsWith(pre, i)) {
      open = i;
      j += pre.length;
    } else if (highlighted[j] === text[i]) {
      i++;
      j++;
    } else {
      return undefined;
    }
  }
  return open < 0 && i === text.length && text.length > 0 ? marks : undefined;
}

/** `highlighted`, a highlight of an HTML field's text, as HTML: its text escaped, marks kept. */
export function escapedHighlight(highlighted: string, pre: string, post: string): string {
  return highlighted.split(pre).map((part) => part.split(post).map(escapeText).join(post))
    .join(pre);
}
