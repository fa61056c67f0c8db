/**
 * Word count of an item's body (Superdesk's `get_word_count`): the text of the HTML, split on
 * white space, not counting tokens made only of punctuation.
 */

/** Counts the words of `html`. */
export function wordCount(html: unknown): number {
  if (typeof html !== "string" || html === "") return 0;
  const text = html
    .replace(/<(br|\/p|\/div|\/h\d|\/li)\b[^>]*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&amp;/gi, "&")
    .replace(/&[a-z]+;|&#\d+;/gi, " ");
  return text.split(/\s+/).filter((token) => token !== "" && !/^[\p{P}\p{S}_]+$/u.test(token))
    .length;
}
