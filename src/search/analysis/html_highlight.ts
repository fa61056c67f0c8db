/**
 * Highlights on the stored HTML. Both engines index the text of an HTML field (`html_text.ts`)
 * and so highlight that text; Elasticsearch with Superdesk's `html_strip` char filter highlights
 * the original instead (its offsets point into the HTML), so `This is a <b>div</b>` comes back as
 * `This is a <b><em>div</em></b>`, tags kept. `htmlHighlight` re-applies a text highlight's tags
 * at the same offsets of the original, as that char filter's offset map does.
 */
import { BLOCK, decodeEntity, ENTITY, MARKUP } from "./html_text.ts";

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
  for (const m of html.matchAll(MARKUP)) {
    plain(m.index);
    const [raw, script, tag] = m;
    if (script || (tag && BLOCK.has(tag.toLowerCase()))) {
      text += "\n";
      starts.push(m.index);
      ends.push(m.index + raw.length);
    }
    at = m.index + raw.length;
  }
  plain(html.length);
  let decoded = "";
  const dStarts: number[] = [];
  const dEnds: number[] = [];
  let from = 0;
  const copy = (to: number) => {
    decoded += text.slice(from, to);
    dStarts.push(...starts.slice(from, to));
    dEnds.push(...ends.slice(from, to));
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
 * `highlighted` (a highlight of `html`'s text, its marked words between `pre` and `post`) with
 * the marks placed in `html` instead; undefined when it is not a highlight of that text.
 */
export function htmlHighlight(
  html: string,
  highlighted: string,
  pre: string,
  post: string,
): string | undefined {
  let plain = "";
  const marks: Array<{ from: number; to: number }> = [];
  let open = -1;
  for (let i = 0; i < highlighted.length;) {
    if (open < 0 && highlighted.startsWith(pre, i)) {
      open = plain.length;
      i += pre.length;
    } else if (open >= 0 && highlighted.startsWith(post, i)) {
      if (plain.length > open) marks.push({ from: open, to: plain.length });
      open = -1;
      i += post.length;
    } else {
      plain += highlighted[i++];
    }
  }
  if (open >= 0) return undefined;
  const { text, starts, ends } = mappedText(html);
  const offset = text.indexOf(plain);
  if (offset < 0 || plain.length === 0) return undefined;
  // The whole text highlighted (`number_of_fragments: 0`) is the whole value, markup included.
  const last = offset + plain.length - 1;
  let out = "";
  let at = offset === 0 ? 0 : starts[offset]!;
  for (const { from, to } of marks) {
    const start = starts[offset + from]!;
    const end = ends[offset + to - 1]!;
    if (start < at) return undefined;
    out += html.slice(at, start) + pre + html.slice(start, end) + post;
    at = end;
  }
  return out + html.slice(at, last === text.length - 1 ? html.length : ends[last]);
}
