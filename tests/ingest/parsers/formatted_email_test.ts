import assert from "node:assert/strict";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { emailParser } from "../../../src/ingest/parsers/email_parser.ts";

/** A message with `subject` whose plain-text body is `body`. */
function message(subject: string, body: string): Uint8Array {
  return new TextEncoder().encode(
    [
      "From: Web Form <forms@example.org>",
      `Subject: ${subject}`,
      "Message-ID: <form-1@example.org>",
      "Date: Tue, 06 Jan 2026 10:30:00 +0100",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      body,
      "",
    ].join("\r\n"),
  );
}

const FORMATTED = { config: { formatted: true } };

Deno.test("formatted email: the form's JSON fields become the item, the sender its creator", () => {
  const body = `{"Username": ["Reporter@Example.org"], "Headline": ["Flood <warning>"],
    "Slugline": ["flood"], "Abstract": ["Rivers rise"], "Priority": ["2"], "News Value": ["4"],
    "Desk": ["Finance"], "Legal flag": ["LEGAL"], "Category": ["Sport, Finance"], "Body": ["Rivers rise.\\nRoads close."]}`;
  const { items } = emailParser.parse(message("Formatted Editorial Story", body), FORMATTED);
  assert.equal(items.length, 1);
  const [item] = items;
  assert.equal(item!.guid, "form-1@example.org");
  assert.equal(item!.headline, "Flood <warning>");
  assert.equal(item!.slugline, "flood");
  assert.equal(item!.abstract, "Rivers rise");
  assert.equal(item!.body_html, "<p>Rivers rise.</p><p>Roads close.</p>");
  assert.equal(item!.priority, 2);
  assert.equal(item!.urgency, 4);
  assert.deepEqual(item!.flags, { marked_for_legal: true });
  assert.equal(item!.original_source, "Reporter@Example.org");
  // A desk name a person typed: matched in any case, to the desk's incoming stage.
  assert.deepEqual(item!.task_names, { desk: "Finance", ignoreCase: true });
  assert.deepEqual(item!.anpa_category, [{ name: "Sport" }, { name: "Finance" }]);
  assert.deepEqual(item!.creator_email, { address: "Reporter@Example.org", required: true });
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-01-06T09:30:00.000Z");
});

Deno.test("formatted email: another subject gives no item, a body that is not JSON is 6001", () => {
  const other = emailParser.parse(message("Lunch?", `{"Headline": ["x"]}`), FORMATTED);
  assert.deepEqual(other.items, []);
  assert.throws(
    () => emailParser.parse(message("Formatted Editorial Story", "Headline: x"), FORMATTED),
    (error) =>
      error instanceof IngestError && error.code === 6001 && /not JSON/.test(error.message),
  );
  assert.throws(
    () => emailParser.parse(message("Formatted Editorial Story", `{"Headline": ["x"]}`), FORMATTED),
    (error) => error instanceof IngestError && /no Username/.test(error.message),
  );
});

Deno.test("email: a plain message names its sender's address for the creator, not required", () => {
  const { items } = emailParser.parse(message("Lunch?", "Noon."), {});
  assert.equal(items[0]!.headline, "Lunch?");
  assert.deepEqual(items[0]!.creator_email, { address: "forms@example.org", required: false });
});

Deno.test("email: a message is new when read, whatever its Date (versioncreated now)", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  for (const context of [{ now }, { now, ...FORMATTED }]) {
    const body = `{"Username": ["reporter@example.org"], "Headline": ["Old"]}`;
    const { items } = emailParser.parse(message("Formatted Editorial Story", body), context);
    // Written in January: with ingest's default expiry it was skipped as expired, never stored.
    assert.equal((items[0]!.firstcreated as Date).toISOString(), "2026-01-06T09:30:00.000Z");
    assert.equal((items[0]!.versioncreated as Date).toISOString(), now.toISOString());
  }
});

Deno.test("email: the sender's address has one @; a very long From header is no address", () => {
  const from = (value: string) =>
    new TextEncoder().encode(
      [`From: ${value}`, "Subject: Hi", "Message-ID: <m-1@example.org>", "", "Hi.", ""].join(
        "\r\n",
      ),
    );
  const sender = (value: string) => emailParser.parse(from(value), {}).items[0]!.creator_email;
  assert.equal(sender("Someone <a@b@example.org>"), undefined);
  assert.deepEqual(sender("Someone <a@example.org>"), {
    address: "a@example.org",
    required: false,
  });
  // 200 KB of "a@" after "<": the address pattern once backtracked quadratically on it (minutes).
  assert.equal(sender(`<${"a@".repeat(100_000)}`), undefined);
});
