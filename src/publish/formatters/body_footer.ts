/**
 * The body a formatter publishes (Superdesk's `Formatter.append_body_footer`): a text item's
 * `body_html` (a picture's, audio's or video's `description`) with every `<br>` written `<br/>`,
 * followed by the item's Public Service Announcements (`body_footer`, the authoring helplines);
 * a preserved-format item gets the footer's text on a new line. Empty when there is no body.
 */
import type { Doc } from "../../storage/document_store.ts";
import { htmlToText } from "./html_fragment.ts";

const TEXT_TYPES = new Set(["text", "preformatted"]);
const MEDIA_TYPES = new Set(["audio", "picture", "video"]);

/** `item`'s body with its footer appended, as Superdesk's formatters publish it. */
export function bodyWithFooter(item: Doc): string {
  const type = String(item.type ?? "");
  const html = typeof item.body_html === "string" ? item.body_html.replaceAll("<br>", "<br/>") : "";
  const description = typeof item.description === "string" ? item.description : "";
  const body = TEXT_TYPES.has(type) ? html : MEDIA_TYPES.has(type) ? description : "";
  const footer = typeof item.body_footer === "string" ? item.body_footer : "";
  if (body === "" || footer === "") return body;
  return item.format === "preserved" ? `${body}\r\n${htmlToText(footer)}` : `${body}${footer}`;
}
