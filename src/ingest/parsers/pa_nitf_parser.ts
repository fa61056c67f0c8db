/**
 * Press Association's NITF (`pa_nitf`, Superdesk's `PAFeedParser`): plain NITF except that the
 * category comes from the `category` meta, mapped to a best-guess ANPA category (`S`, `R`, `F`
 * sport; `Z` `V`; `H` with a `SHOWBIZ` doc-scope entertainment; anything else `I`); the slugline is
 * the `title` without its leading numbering and with its first word capitalised, and is the
 * headline when the story has no `hl1`; an embargoed story is usable (its editor's note tells the
 * embargo); each body element becomes a paragraph of its text (PA's inline `person`, `location`
 * and `org` tags mean nothing to the editor).
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  allAt,
  at,
  attr,
  childElements,
  escapeText,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import type { FeedParser } from "./feed_parser.ts";
import { nitfParserFor } from "./nitf_parser.ts";

/** The `pa_nitf` parser. */
export const paNitfParser: FeedParser = nitfParserFor("pa_nitf", "PA NITF", {
  category: paCategory,
  slugline: (tree) => paSlugline(at(tree, "head/title")),
  headline: (tree) =>
    trimmedText(at(tree, "body/body.head/hedline/hl1")) ?? paSlugline(at(tree, "head/title")),
  pubstatus: (status) => status === "embargoed" ? "usable" : status,
  content: (elements) => elements.map((e) => `<p>${escapeText(textOf(e))}</p>`).join(""),
});

/** The ANPA category PA's `category` meta stands for; none without the meta. */
function paCategory(tree: XmlElement): Doc[] | undefined {
  const meta = childElements(at(tree, "head"), "meta").find((m) => attr(m, "name") === "category");
  const content = attr(meta, "content");
  if (content === undefined) return undefined;
  const initial = content.slice(0, 1).toUpperCase();
  if (initial === "S" || initial === "R" || initial === "F") return [{ qcode: "S" }];
  if (initial === "Z") return [{ qcode: "V" }];
  const showbiz = allAt(tree, "head/docdata/doc-scope").some((s) => attr(s, "scope") === "SHOWBIZ");
  return [{ qcode: initial === "H" && showbiz ? "E" : "I" }];
}

/** `1 SPORT Trivia (Oct 14)` → `Sport Trivia (Oct 14)`; undefined without a title. */
function paSlugline(title: XmlElement | undefined): string | undefined {
  if (!title) return undefined;
  const [first = "", ...rest] = textOf(title).replace(/^[\d.]+\W+/, "").split(" ");
  const word = first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
  return [word, ...rest].join(" ");
}
