/**
 * Superdesk's "Extract Html Macro" (superdesk/macros/extract_html.py): reduces a body to plain
 * paragraphs, keeping its links. Every tag but `<a>` goes; paragraphs, line breaks and new lines
 * become paragraph boundaries; blank paragraphs are dropped and the others lose their leading
 * white space (Superdesk's parser drops the blank text between tags). Entities stay as written (Superdesk
 * decodes them into the text, which can leave a bare `<` in the HTML).
 */
import type { Macro } from "../../app_api.ts";
import { replaceUpTo } from "../../text/bounded_replace.ts";

/** A paragraph tag or line break (every match ends with `>`). */
const BREAK_TAG = /<p\b[^>]*>|<\/p\s*>|<br\b[^>]*>/i;
const TAG = /<[^>]*>/g;

/**
 * `html` split at its links (`<a ...>` to the first `</a>` after it), as
 * `html.split(/(<a\b[^>]*>[\s\S]*?<\/a\s*>)/i)` does: the text between links at even indexes,
 * the links at odd ones. In one pass: that pattern rescans to the end from every `<a` that no
 * closing tag follows.
 */
function splitAtLinks(html: string): string[] {
  const closings = [...html.matchAll(/<\/a\s*>/gi)];
  const segments: string[] = [];
  let from = 0;
  let next = 0;
  const open = /<a\b/gi;
  for (let start = open.exec(html); start; start = open.exec(html)) {
    const end = html.indexOf(">", start.index);
    if (end < 0) break;
    while (next < closings.length && closings[next]!.index <= end) next++;
    const closing = closings[next];
    if (!closing) break;
    const to = closing.index + closing[0].length;
    segments.push(html.slice(from, start.index), html.slice(start.index, to));
    from = open.lastIndex = to;
  }
  segments.push(html.slice(from));
  return segments;
}

/**
 * The text between links cut at paragraph tags, line breaks and new lines, each piece without
 * its tags. A tag may span a new line, so the tags cut first; no tag ends after the last `>`,
 * so only what comes before it is searched (linear time, see bounded_replace.ts).
 */
function textPieces(segment: string): string[] {
  const end = segment.lastIndexOf(">") + 1;
  const pieces = segment.slice(0, end).split(BREAK_TAG);
  pieces[pieces.length - 1] += segment.slice(end);
  return pieces.flatMap((piece) => piece.split("\n")).map((piece) =>
    replaceUpTo(piece, TAG, ">", "")
  );
}

/** `html` as paragraphs of text and links. */
export function extractText(html: string): string {
  const paragraphs = [""];
  splitAtLinks(html).forEach((segment, index) => {
    // Odd segments are the links, kept whole; the text between them is split at breaks.
    const pieces = index % 2 === 1 ? [segment] : textPieces(segment);
    pieces.forEach((piece, at) => {
      if (at > 0) paragraphs.push("");
      paragraphs[paragraphs.length - 1] += piece;
    });
  });
  return paragraphs.map((paragraph) => paragraph.trimStart())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join("");
}

/** Delete from body_html all html tags except links */
export const extractHtml: Macro = {
  name: "Extract Html Macro",
  label: "Extract Html Macro",
  description: "Delete from body_html all html tags except links",
  accessType: "frontend",
  actionType: "direct",
  callback(item) {
    if (typeof item.body_html === "string") item.body_html = extractText(item.body_html);
    return { item };
  },
};
