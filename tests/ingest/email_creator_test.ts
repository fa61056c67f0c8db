/**
 * E-mail ingest's creator: a file provider of e-mails polled as the ingest worker does. The
 * sender's user (looked up by address) becomes the item's creator; a formatted message from no
 * user is refused as a problem of its own while the others are stored, a plain one is stored
 * without a creator.
 */
import assert from "node:assert/strict";
import { ingestTest, items } from "./_ingest_room.ts";

/** An e-mail from `from`, `subject`, with `body` as its plain text. */
function mail(id: string, from: string, subject: string, body: string): string {
  return [
    `From: ${from}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.org>`,
    "Date: Tue, 06 Jan 2026 10:30:00 +0100",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    body,
    "",
  ].join("\r\n");
}

const form = (sender: string, headline: string) =>
  JSON.stringify({ Username: [sender], Headline: [headline], Body: ["Text."] });

ingestTest(
  "an e-mail's sender is its creator; a formatted one from no user is refused",
  async (room) => {
    const dir = await Deno.makeTempDir({ prefix: "ingest_email_creator_" });
    const plainDir = await Deno.makeTempDir({ prefix: "ingest_email_plain_" });
    try {
      await room.app.platform.registry.service("users").update(room.writer.userId, {
        byline: "By W. Riter",
        sign_off: "wri",
      });
      // The writer signs in as writer@example.com; the address is matched in any case.
      const writer = "Writer@Example.com";
      await Deno.writeTextFile(
        `${dir}/1.eml`,
        mail("plain-1", `Writer <${writer}>`, "Plain", "Hi."),
      );
      await Deno.writeTextFile(
        `${dir}/2.eml`,
        mail(
          "form-1",
          "forms@example.org",
          "Formatted Editorial Story",
          form(writer, "From a form"),
        ),
      );
      await Deno.writeTextFile(
        `${dir}/3.eml`,
        mail(
          "form-2",
          "forms@example.org",
          "Formatted Editorial Story",
          form("nobody@x.org", "No"),
        ),
      );
      const formatted = await room.provider({
        name: "Forms",
        source: "forms",
        feeding_service: "file",
        feed_parser: "email_rfc822",
        config: { path: dir, formatted: true },
      });
      const result = await room.poll(formatted._id);
      assert.deepEqual({ stored: result.stored, problems: result.problems }, {
        stored: 1,
        problems: 1,
      });
      const stored = items(await room.get("/api/ingest?max_results=10"));
      assert.deepEqual(stored.map((item) => item.headline), ["From a form"]);
      assert.equal(stored[0].original_creator, room.writer.userId);
      // A form's story is signed by its user (Superdesk's formatted parser).
      assert.deepEqual([stored[0].byline, stored[0].sign_off], ["By W. Riter", "wri"]);
      assert.equal("creator_email" in stored[0], false);

      // Without `formatted`, every message is an item; one from no user has no creator.
      await Deno.writeTextFile(`${plainDir}/4.eml`, mail("plain-2", "x@nowhere.org", "Other", "."));
      await Deno.copyFile(`${dir}/_PROCESSED/1.eml`, `${plainDir}/1.eml`);
      const plain = await room.provider({
        name: "Mail",
        source: "mail",
        feeding_service: "file",
        feed_parser: "email_rfc822",
        config: { path: plainDir },
      });
      assert.deepEqual(await room.poll(plain._id), { stored: 2, skipped: 0, problems: 0 });
      const all = items(await room.get("/api/ingest?max_results=10"));
      const creatorOf = (headline: string) =>
        all.find((item) => item.headline === headline).original_creator;
      assert.equal(creatorOf("Plain"), room.writer.userId);
      // A plain message's sender is its creator only: a From line signs no story (Superdesk's).
      const plainItem = all.find((item) => item.headline === "Plain");
      assert.deepEqual([plainItem.byline, plainItem.sign_off], [undefined, undefined]);
      assert.equal(creatorOf("Other"), undefined);
    } finally {
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(plainDir, { recursive: true });
    }
  },
);

ingestTest("a formatted e-mail's Desk names a desk in any case, to its incoming stage", async (
  room,
) => {
  const dir = await Deno.makeTempDir({ prefix: "ingest_email_desk_" });
  try {
    const story = JSON.stringify({
      Username: ["writer@example.com"],
      Headline: ["For the desk"],
      Desk: [String(room.desk.name).toUpperCase()],
    });
    await Deno.writeTextFile(
      `${dir}/1.eml`,
      mail("form-desk", "forms@example.org", "Formatted Editorial Story", story),
    );
    const provider = await room.provider({
      name: "Forms",
      source: "forms",
      feeding_service: "file",
      feed_parser: "email_rfc822",
      config: { path: dir, formatted: true },
    });
    assert.equal((await room.poll(provider._id)).stored, 1);
    const [item] = items(await room.get("/api/ingest?max_results=10"));
    assert.deepEqual(item.task, { desk: room.desk._id, stage: room.desk.incoming_stage });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
