/**
 * A "formatted" e-mail (Superdesk's `EMailRFC822FeedParser._parse_formatted_email`, the
 * `formatted` option of an e-mail provider): a story a web form sends as a notification, whose
 * subject is exactly "Formatted Editorial Story" and whose plain-text body is a JSON object of
 * one-value lists (`{"Headline": ["..."], "Body": ["..."], ...}`). Other messages give no item.
 * The fields: `Headline`, `Abstract`, `Slugline`, `Body` (paragraphs at line breaks), `Category`
 * (names of the `categories` vocabulary, comma-separated: `subject_categories.ts`), `Priority`
 * and `News Value` (urgency) when numbers, `Legal flag` (`LEGAL`), `Desk` (the item goes to the
 * incoming stage of the desk of that name in any case, `task_names.ts`) and `Username` or `Email Address`: the sender, whose user
 * must exist (`creator_email.ts` makes them the item's creator; no such user, no item).
 */
import type { Doc } from "../../storage/document_store.ts";
import { header, leaves, type MimePart, partText } from "../../mail/mime_message.ts";
import { escapeText } from "../../xml/xml_query.ts";
import { CREATOR_EMAIL } from "../creator_email.ts";
import { IngestError } from "../ingest_error.ts";
import { TASK_NAMES } from "../task_names.ts";

/** The subject a formatted e-mail has. */
export const FORMATTED_SUBJECT = "Formatted Editorial Story";

/** The item of the formatted message `message`, or none when its subject is another. */
export function parseFormattedEmail(message: MimePart, base: Doc): Doc[] {
  if (header(message, "subject") !== FORMATTED_SUBJECT) return [];
  const text = leaves(message).find((part) => part.contentType === "text/plain");
  if (!text) throw new IngestError(6001, "the formatted message has no plain-text part");
  const fields = formFields(partText(text));
  const sender = fields.Username ?? fields["Email Address"] ?? "";
  if (sender === "") throw new IngestError(6001, "the formatted message names no Username");
  const item: Doc = {
    ...base,
    original_source: sender,
    headline: fields.Headline ?? "",
    abstract: fields.Abstract ?? "",
    slugline: fields.Slugline ?? "",
    body_html: (fields.Body ?? "").split("\n").map((line) => `<p>${escapeText(line)}</p>`)
      .join(""),
    [CREATOR_EMAIL]: { address: sender, required: true },
  };
  const priority = number(fields.Priority);
  if (priority !== undefined) item.priority = priority;
  const urgency = number(fields["News Value"]);
  if (urgency !== undefined) item.urgency = urgency;
  if (fields["Legal flag"] === "LEGAL") item.flags = { marked_for_legal: true };
  if (fields.Desk) item[TASK_NAMES] = { desk: fields.Desk, ignoreCase: true };
  // Named categories; ingest finds their codes in the `categories` vocabulary.
  const categories = (fields.Category ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  if (categories.length > 0) item.anpa_category = categories.map((name) => ({ name }));
  return [item];
}

/** The form's fields: the JSON body's lists, each by its first value. */
function formFields(body: string): Record<string, string> {
  // The form's mailer breaks long lines; Superdesk joins them the same way.
  const json = body.replaceAll("\r\n", "").replaceAll("\n", "").replaceAll("  ", " ");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new IngestError(6001, `the formatted body is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new IngestError(6001, "the formatted body is not a JSON object");
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") fields[key] = first;
  }
  return fields;
}

function number(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
