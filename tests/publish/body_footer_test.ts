/**
 * The body the formatters publish with its footer (`body_footer.ts`, Superdesk's
 * `Formatter.append_body_footer`): a text item's body then its helplines, a media item's
 * description instead, no footer without a body, the footer's text on a new line for a
 * preserved-format item; and NewsML 1.2's `BodyText`, which publishes the same body.
 */
import assert from "node:assert/strict";
import { bodyWithFooter } from "../../src/publish/formatters/body_footer.ts";
import { toNewsml12 } from "../../src/publish/formatters/newsml_1_2_formatter.ts";
import { contextFor, minimalStory } from "./_items.ts";

const HELPLINE = "<p>Kids Helpline 1800 55 1800</p>";

Deno.test("a text item's body then its footer, <br> written <br/>", () => {
  const item = minimalStory({ body_html: "<p>one<br>two</p>", body_footer: HELPLINE });
  assert.equal(bodyWithFooter(item), `<p>one<br/>two</p>${HELPLINE}`);
  assert.equal(bodyWithFooter({ ...item, body_footer: undefined }), "<p>one<br/>two</p>");
});

Deno.test("a picture's description carries the footer; no body, no footer", () => {
  const picture = { type: "picture", description: "A view", body_footer: HELPLINE };
  assert.equal(bodyWithFooter(picture), `A view${HELPLINE}`);
  assert.equal(bodyWithFooter(minimalStory({ body_html: "", body_footer: HELPLINE })), "");
  assert.equal(bodyWithFooter({ type: "composite", body_html: "<p>x</p>" }), "");
});

Deno.test("a preserved-format item gets the footer's text on a new line", () => {
  const item = minimalStory({ format: "preserved", body_html: "text", body_footer: HELPLINE });
  assert.equal(bodyWithFooter(item), "text\r\nKids Helpline 1800 55 1800");
});

Deno.test("NewsML 1.2's BodyText is that body: the footer after it, none without it", () => {
  const bodyText = (fields: Record<string, unknown>) => {
    const xml = toNewsml12(minimalStory(fields), contextFor());
    return xml.match(/<body\.content>(.*?)<\/body\.content>|<body\.content\/>/s)?.[1] ?? "";
  };
  assert.equal(
    bodyText({ body_html: "<p>one</p>", body_footer: HELPLINE }),
    `<p>one</p>${HELPLINE}`,
  );
  assert.equal(bodyText({ body_html: "", body_footer: HELPLINE }), "");
});
