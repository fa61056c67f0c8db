/**
 * NITF 3.6 (Superdesk's `NITFFormatter`): `head` with the title, subjects, `docdata` (urgency,
 * id, source, issue date, slugline, copyright, editorial note, keywords) and `pubdata`; `body`
 * with headline, byline, dateline and abstract in `body.head`, the text in `body.content` (the
 * editor's HTML mapped to NITF's elements: headings become `hl2`, emphasis `em`) and the sign-off
 * in `body.end`.
 */
import type { Doc } from "../../storage/document_store.ts";
import { wordCount } from "../../text/html_text.ts";
import type { FormatContext, Formatted, Formatter } from "./formatter.ts";
import { bodyWithFooter } from "./body_footer.ts";
import { htmlToText, htmlToXml } from "./html_fragment.ts";
import { compactDate } from "./superdesk_date.ts";
import { el, filledText, raw, xmlDocument, type XmlNode } from "./xml_writer.ts";

/** What of the editor's HTML NITF's `body.content` keeps, and as what. */
const NITF_ALLOWED = {
  p: [],
  br: [],
  em: [],
  b: [],
  i: [],
  u: [],
  strong: [],
  a: ["href"],
  ul: [],
  ol: [],
  li: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  pre: [],
  blockquote: [],
  table: [],
  tr: [],
  td: [],
  th: [],
};
const NITF_RENAMED = {
  b: "em",
  i: "em",
  u: "em",
  strong: "em",
  h1: "hl2",
  h2: "hl2",
  h3: "hl2",
  h4: "hl2",
  h5: "hl2",
  h6: "hl2",
  blockquote: "block",
};

/** Builds the NITF document. */
export function toNitf(item: Doc, context: FormatContext): string {
  const headline = filledText(item.headline) ?? "";
  const versioncreated = compactDate(item.versioncreated);
  const dateline = item.dateline as Doc | undefined;
  const city = (dateline?.located as Doc | undefined)?.city;
  const subjects = Array.isArray(item.subject) ? item.subject as Doc[] : [];
  const head = el(
    "head",
    {},
    el("title", {}, headline),
    subjects.length > 0 && el(
      "tobject",
      { "tobject.type": "news" },
      ...subjects.map((subject) =>
        el("tobject.subject", {
          "tobject.subject.refnum": String(subject.qcode ?? ""),
          "tobject.subject.matter": filledText(subject.name),
        })
      ),
    ),
    el(
      "docdata",
      { "management-status": String(item.pubstatus ?? "usable") },
      typeof item.urgency === "number" && el("urgency", { "ed-urg": item.urgency }),
      el("doc-id", { "id-string": String(item.guid ?? item._id) }),
      filledText(item.source) &&
        el("del-list", {}, el("from-src", { "src-name": filledText(item.source) })),
      versioncreated && el("date.issue", { norm: versioncreated }),
      filledText(item.slugline) && el("du-key", { key: filledText(item.slugline) }),
      filledText(item.copyrightholder) &&
        el("doc.copyright", { holder: filledText(item.copyrightholder) }),
      filledText(item.ednote) && el("ed-msg", { info: filledText(item.ednote) }),
      keyList(item, context),
    ),
    el("pubdata", {
      "date.publication": versioncreated,
      "item-length": String(wordCount(item.body_html)),
      unit: "word",
    }),
  );
  const body = el(
    "body",
    {},
    el(
      "body.head",
      {},
      el("hedline", {}, el("hl1", {}, headline)),
      filledText(item.byline) && el("byline", {}, filledText(item.byline)!),
      typeof city === "string" && city &&
        el("dateline", {}, el("location", {}, el("city", {}, city))),
      filledText(item.abstract) &&
        el("abstract", {}, el("p", {}, htmlToText(String(item.abstract)))),
    ),
    el(
      "body.content",
      {},
      raw(htmlToXml(bodyWithFooter(item), { allowed: NITF_ALLOWED, rename: NITF_RENAMED })),
    ),
    filledText(item.sign_off) && el("body.end", {}, el("tagline", {}, filledText(item.sign_off)!)),
  );
  return xmlDocument(el("nitf", { version: "-//IPTC//DTD NITF 3.6//EN" }, head, body));
}

function keyList(item: Doc, context: FormatContext): XmlNode {
  const keywords = [
    ...(Array.isArray(item.keywords) ? item.keywords.map(String) : []),
    ...context.codes,
  ];
  if (keywords.length === 0) return undefined;
  return el("key-list", {}, ...keywords.map((key) => el("keyword", { key })));
}

/** The `nitf` formatter. */
export const nitfFormatter: Formatter = {
  type: "nitf",
  name: "NITFFormatter",
  label: "NITF",
  canFormat: () => true,
  format(item: Doc, context: FormatContext): Formatted {
    return { text: toNitf(item, context), mimeType: "application/xml", extension: "ntf" };
  },
};
