/**
 * Email (Superdesk's `EmailFormatter`): a JSON document the email transmitter reads, with
 * `message_subject` (the headline), `message_text` (slugline, headline, byline, dateline and the
 * body as plain text) and `message_html` (the same with the body's HTML). Formats text items only.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { Formatted, Formatter } from "./formatter.ts";
import { htmlToText, htmlToXml } from "./html_fragment.ts";
import { escapeText } from "./xml_writer.ts";

/** The three parts of an email. */
export interface EmailMessage {
  message_subject: string;
  message_text: string;
  message_html: string;
}

/** Builds the email parts of `item`. */
export function toEmail(item: Doc): EmailMessage {
  const headline = str(item.headline);
  const slugline = str(item.slugline);
  const byline = str(item.byline);
  const dateline = str((item.dateline as Doc | undefined)?.text);
  const body = str(item.body_html);
  const subject = headline || slugline || `Story: ${item.guid ?? item._id}`;
  const text = [slugline, headline, byline, [dateline, htmlToText(body)].filter(Boolean).join(" ")]
    .filter(Boolean).join("\n\n");
  const html = [
    slugline && `<p>${escapeText(slugline)}</p>`,
    headline && `<h1>${escapeText(headline)}</h1>`,
    byline && `<p>${escapeText(byline)}</p>`,
    dateline && `<p>${escapeText(dateline)}</p>`,
    htmlToXml(body),
  ].filter(Boolean).join("\n");
  return {
    message_subject: subject,
    message_text: text,
    message_html: `<html><body>\n${html}\n</body></html>`,
  };
}

function str(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** The `email` formatter. */
export const emailFormatter: Formatter = {
  type: "email",
  name: "EmailFormatter",
  label: "Email",
  itemOnly: true,
  canFormat: (item) => item.type === undefined || item.type === "text",
  format(item: Doc): Formatted {
    return { text: JSON.stringify(toEmail(item)), mimeType: "application/json", extension: "txt" };
  },
};
