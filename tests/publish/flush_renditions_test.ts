/**
 * A correction's associations that name another picture drop the old picture's crops
 * (Superdesk's `flush_renditions`); the same picture keeps them.
 */
import assert from "node:assert/strict";
import { flushRenditions } from "../../src/publish/flush_renditions.ts";
import type { Doc } from "../../src/storage/document_store.ts";

const original: Doc = {
  associations: {
    featuremedia: {
      renditions: {
        original: { href: "http://x/old.jpg" },
        thumbnail: { href: "http://x/old-thumb.jpg" },
        "16-9": { href: "http://x/old-16-9.jpg" },
        "4-3": { href: "http://x/old-4-3.jpg" },
      },
    },
  },
};

function correction(href: string): Doc {
  return {
    associations: {
      featuremedia: {
        renditions: { original: { href }, "4-3": { href: `${href}-4-3` } },
      },
    },
  };
}

Deno.test("a new picture drops the old one's crops it does not have, not the system ones", () => {
  const updates = correction("http://x/new.jpg");
  flushRenditions(updates, original);
  const renditions = (updates.associations as Record<string, Doc>).featuremedia!.renditions;
  assert.deepEqual(renditions, {
    original: { href: "http://x/new.jpg" },
    "4-3": { href: "http://x/new.jpg-4-3" },
    "16-9": null,
  });
});

Deno.test("the same picture keeps its crops", () => {
  const updates = correction("http://x/old.jpg");
  flushRenditions(updates, original);
  const renditions = (updates.associations as Record<string, Doc>).featuremedia!.renditions;
  assert.equal("16-9" in (renditions as Doc), false);
});
