/**
 * The text of an item's HTML fields, as Superdesk's `text_utils` reads it: block ends and line
 * breaks become spaces, tags go, entities are decoded or blanked. `wordCount` is Superdesk's
 * `get_word_count`: the text split on white space, not counting tokens made only of punctuation.
 */
import { replaceUpTo } from "./bounded_replace.ts";

/** The text of `html`, blocks separated by a space. */
export function htmlText(html: unknown): string {
  if (typeof html !== "string" || html === "") return "";
  const text = replaceUpTo(html, /<(br|\/p|\/div|\/h\d|\/li)\b[^>]*>/gi, ">", " ");
  return replaceUpTo(text, /<[^>]*>/g, ">", "")
    .replace(/&amp;/gi, "&")
    .replace(/&[a-z]+;|&#\d+;/gi, " ");
}

/** Counts the words of `html`. */
export function wordCount(html: unknown): number {
  return htmlText(html).split(/\s+/).filter((token) =>
    token !== "" && !/^[\p{P}\p{S}_]+$/u.test(token)
  ).length;
}
