/**
 * Superdesk's `populate_abstract` macro (superdesk/macros/abstract_populator.py): the abstract
 * becomes the text of the body's first sentence, cut at a word within 64 characters. Listed on
 * every desk: the module's `desks = ["POLITICS"]` never reaches Superdesk's registry
 * (`register_macros` copies no `desks`), so Superdesk lists it everywhere too, and the web
 * client's e2e suite runs it on the Sports desk.
 */
import { type Doc, htmlText, type Macro } from "../../app_api.ts";
import { replaceUpTo } from "../../text/bounded_replace.ts";

/** How many characters (code points) an abstract keeps, as Superdesk's. */
const LIMIT = 64;

/**
 * The body up to where Superdesk's sentence split (`(?i)(?<=[.?!])\S+(?=[a-z])`) first cuts:
 * just after a `.`, `?` or `!` that a letter follows later in the same run of non-spaces, at
 * least one character on. A tag reads as letters (`one.</p>` ends a sentence, as the tag's name
 * does there), so no cut falls inside one (a `.` of an `href`). Found in one pass over each run;
 * the pattern itself, rescanning each run from every stop in it, takes quadratic time on a body
 * of many full stops.
 */
function untilFirstBreak(body: string): string {
  const masked = replaceUpTo(body, /<[^>]*>/g, ">", (tag) => "x".repeat(tag.length));
  for (const run of masked.matchAll(/\S+/g)) {
    const stop = run[0].search(/[.?!]/);
    if (stop < 0) continue;
    let lastLetter = -1;
    for (let at = run[0].length - 1; at > stop + 1 && lastLetter < 0; at--) {
      if (/[a-z]/i.test(run[0][at]!)) lastLetter = at;
    }
    if (lastLetter >= 0) return body.slice(0, run.index + stop + 1);
  }
  return body;
}

/**
 * `text` cut to at most `LIMIT` characters at a word boundary: at the last white space that
 * keeps it within the limit, or at the limit when its first word alone is longer.
 */
function cutAtWord(text: string): string {
  const chars = [...text];
  if (chars.length <= LIMIT) return text;
  let end = LIMIT;
  while (end > 0 && !/\s/.test(chars[end]!)) end--;
  return chars.slice(0, end > 0 ? end : LIMIT).join("").trimEnd();
}

/** What the abstract says of an item with no body. */
export const NO_BODY = "No body found to use for abstract...";

/**
 * The abstract for `item`'s body: the text of its first sentence (Superdesk's split), cut at a
 * word boundary within 64 characters. Superdesk cuts the HTML at 64 characters before taking
 * its text, so a tag cut in two is left in the abstract as text (`<a href=...`).
 */
export function firstSentence(item: Doc): string {
  const body = item.body_html;
  if (typeof body !== "string" || body === "") return NO_BODY;
  return cutAtWord(htmlText(untilFirstBreak(body)).trim());
}

/** Populate the abstract field with the first sentence of the body */
export const populateAbstract: Macro = {
  name: "populate_abstract",
  label: "Populate Abstract",
  description: "Populate the abstract field with the first sentence of the body",
  order: 3,
  shortcut: "a",
  accessType: "frontend",
  actionType: "direct",
  replaceType: "simple-replace",
  callback(item) {
    item.abstract = firstSentence(item);
    return { item };
  },
};
