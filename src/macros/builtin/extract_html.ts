/**
 * Superdesk's "Extract Html Macro" (superdesk/macros/extract_html.py): reduces a body to plain
 * paragraphs, keeping its links. Every tag but `<a>` goes; paragraphs, line breaks and new lines
 * become paragraph boundaries; blank paragraphs are dropped and the others lose their leading
 * white space (Superdesk's parser drops the blank text between tags). Entities stay as written (Superdesk
 * decodes them into the text, which can leave a bare `<` in the HTML).
 */
import type { Macro } from "../../app_api.ts";

/** A link, captured so that splitting keeps it. */
const LINK = /(<a\b[^>]*>[\s\S]*?<\/a\s*>)/i;
const BREAK = /<p\b[^>]*>|<\/p\s*>|<br\b[^>]*>|\n/i;
const TAG = /<[^>]*>/g;

/** `html` as paragraphs of text and links. */
export function extractText(html: string): string {
  const paragraphs = [""];
  html.split(LINK).forEach((segment, index) => {
    // Odd segments are the links, kept whole; the text between them is split at breaks.
    const pieces = index % 2 === 1
      ? [segment]
      : segment.split(BREAK).map((piece) => piece.replace(TAG, ""));
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
