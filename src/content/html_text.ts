/**
 * Plain text of HTML fields (Superdesk's `get_text` and `plaintext_filter`): tags removed, block
 * ends as line breaks, character references decoded (as publishing's formatters decode them).
 */
import { decodeEntities } from "../text/html_references.ts";
import { replaceUpTo } from "../text/bounded_replace.ts";

/**
 * Superdesk's `get_text(html, "html")`: the text of `html` as written, comments and tags
 * removed, character references decoded.
 */
export function markupText(html: string): string {
  const text = replaceUpTo(replaceUpTo(html, /<!--[\s\S]*?-->/g, "-->", ""), /<[^>]*>/g, ">", "");
  return decodeEntities(text);
}

/** The text of `html`, a line break after each block element. */
export function htmlToText(html: string): string {
  const lines = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|blockquote|pre|tr)\s*>/gi, "\n");
  const decoded = markupText(lines);
  // Trailing line breaks go; `/\n+$/` would rescan every run of them that does not end the text.
  let end = decoded.length;
  while (end > 0 && decoded[end - 1] === "\n") end--;
  return decoded.slice(0, end);
}

/** Superdesk's `plaintext_filter`: the text on one line, trimmed. */
export function plainText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return htmlToText(value).replace(/\n/g, " ").trim();
}

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Escapes text content (`&`, `<`, `>`), leaving quotes as they are. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
