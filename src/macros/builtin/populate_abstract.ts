/**
 * Superdesk's `populate_abstract` macro (superdesk/macros/abstract_populator.py): the abstract
 * becomes the body's first sentence, as text, cut to 64 characters. Listed on every desk: the
 * module's `desks = ["POLITICS"]` never reaches Superdesk's registry (`register_macros` copies
 * no `desks`), so Superdesk lists it everywhere too, and the web client's e2e suite runs it on
 * the Sports desk.
 */
import { type Doc, htmlText, type Macro } from "../../app_api.ts";

/** Where Superdesk cuts sentences: a run of non-spaces after `.`, `?` or `!`, before a letter. */
const SENTENCE_BREAK = /(?<=[.?!])\S+(?=[a-z])/i;

/** What the abstract says of an item with no body. */
export const NO_BODY = "No body found to use for abstract...";

/** The abstract for `item`'s body. */
export function firstSentence(item: Doc): string {
  const body = item.body_html;
  if (typeof body !== "string" || body === "") return NO_BODY;
  const first = body.split(SENTENCE_BREAK)[0] ?? "";
  return htmlText([...first].slice(0, 64).join("")).trim();
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
