/**
 * A mail message (RFC 822) into a text item, Superdesk's `email_rfc822` parser: the subject as
 * headline, the sender as `original_source`, `Message-ID` as guid (so a message read twice is one
 * item), the `Date` as `firstcreated` (`versioncreated` is when it is read, as Superdesk's), the body from the plain-text part as paragraphs, else from
 * the HTML part with active content removed; the user with the sender's address, when there is
 * one, as its creator (`creator_email.ts`). With the provider's `formatted` option a message is a
 * form's story instead (`formatted_email.ts`). Attachments are not ingested (no media storage
 * yet; see README).
 */
import type { Doc } from "../../storage/document_store.ts";
import { header, leaves, parseMimeMessage, partText } from "../../mail/mime_message.ts";
import { escapeText } from "../../xml/xml_query.ts";
import { CREATOR_EMAIL } from "../creator_email.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "./feed_parser.ts";
import { withoutActiveContent } from "./active_content.ts";
import { parseFeedDate } from "./feed_dates.ts";
import { parseFormattedEmail } from "./formatted_email.ts";

/** The `email_rfc822` parser. */
export const emailParser: FeedParser = {
  name: "email_rfc822",
  label: "EMail RFC822 Parser",
  extensions: [".eml"],
  parse(payload, context): ParseResult {
    let message;
    try {
      message = parseMimeMessage(payload);
    } catch (error) {
      throw new IngestError(6001, (error as Error).message, { cause: error });
    }
    const from = header(message, "from");
    if (!from) throw new IngestError(6001, "the message has no From header");
    const guid = header(message, "message-id")?.replace(/^<|>$/g, "");
    if (!guid) throw new IngestError(6001, "the message has no Message-ID");
    const item: Doc = { type: "text", guid, uri: guid };
    const date = header(message, "date");
    // The message's date is when it was written; the item is new now (Superdesk's utcnow()), so
    // an old message is not taken for an expired item and skipped.
    item.versioncreated = context.now ?? new Date();
    try {
      item.firstcreated = date ? parseFeedDate(date) : item.versioncreated;
    } catch (error) {
      throw new IngestError(6001, (error as Error).message, { cause: error });
    }
    if (context.config?.formatted === true) {
      return { items: parseFormattedEmail(message, item), problems: [] };
    }
    item.headline = header(message, "subject") ?? "";
    item.original_source = from;
    const address = senderAddress(message.headers.get("from") ?? "");
    if (address) item[CREATOR_EMAIL] = { address, required: false };
    const parts = leaves(message);
    const text = parts.find((part) => part.contentType === "text/plain");
    const html = parts.find((part) => part.contentType === "text/html");
    if (text) {
      item.body_html = partText(text).split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean)
        .map((p) => `<p>${escapeText(p).replace(/\r?\n/g, "<br/>")}</p>`).join("");
    } else if (html) {
      item.body_html = withoutActiveContent(partText(html));
    } else item.body_html = "";
    return { items: [item], problems: [] };
  },
};

/**
 * The address of a raw `From` header (encoded words are never an address): the `<address>` that
 * ends it, as Superdesk's `^.*<(.*)>$`, or the whole header when it is a bare address. An
 * address-like display name (`boss@newsroom <someone@elsewhere>`) is never taken for it.
 */
function senderAddress(raw: string): string | undefined {
  const value = raw.replace(/\r?\n[ \t]+/g, " ").trim();
  // One `@`: a pattern that could place it in several ways backtracks in quadratic time on a
  // long header.
  const bracketed = value.match(/<([^<>\s@]+@[^<>\s@]+)>$/)?.[1];
  if (bracketed) return bracketed;
  return /^[^\s<>@",;()]+@[^\s<>@",;()]+$/.test(value) ? value : undefined;
}
