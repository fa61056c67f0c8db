/**
 * Superdesk's `populate_abstract` macro (superdesk/macros/abstract_populator.py): the abstract
 * becomes the body's first sentence, as text, cut to 64 characters. Listed on every desk: the
 * module's `desks = ["POLITICS"]` never reaches Superdesk's registry (`register_macros` copies
 * no `desks`), so Superdesk lists it everywhere too, and the web client's e2e suite runs it on
 * the Sports desk.
 */
import { type Doc, htmlText, type Macro } from "../../app_api.ts";

/**
 * The body up to where Superdesk's sentence split (`(?i)(?<=[.?!])\S+(?=[a-z])`) first cuts:
 * just after a `.`, `?` or `!` that a letter follows later in the same run of non-spaces, at
 * least one character on. Found in one pass over each run; the pattern itself, rescanning each
 * run from every stop in it, takes quadratic time on a body of many full stops.
 */
function untilFirstBreak(body: string): string {
  for (const run of body.matchAll(/\S+/g)) {
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

/** What the abstract says of an item with no body. */
export const NO_BODY = "No body found to use for abstract...";

/** The abstract for `item`'s body. */
export function firstSentence(item: Doc): string {
  const body = item.body_html;
  if (typeof body !== "string" || body === "") return NO_BODY;
  return htmlText([...untilFirstBreak(body)].slice(0, 64).join("")).trim();
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
