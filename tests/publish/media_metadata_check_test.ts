/**
 * The media metadata check (Superdesk's `_validate_media_metadata`): each associated media is
 * held to its profile, and a field several media fail is reported once, as Cerberus keys its
 * errors by field.
 */
import assert from "node:assert/strict";
import { checkingMediaMetadata } from "../../src/publish/media_metadata_check.ts";
import type { ResourceRegistry } from "../../src/resources/resource_registry.ts";

/** A registry whose only profile requires a headline and keeps a byline to 5 characters. */
const registry = {
  has: () => true,
  service: () => ({
    findOne: () =>
      Promise.resolve({
        schema: { headline: { required: true }, byline: { maxlength: 5 } },
      }),
  }),
} as unknown as ResourceRegistry;

Deno.test("a media field that several associations fail is one message", async () => {
  const validator = checkingMediaMetadata(registry, {
    validate: () => Promise.resolve({ errors: [], fields: {} }),
  });
  const result = await validator.validate({
    act: "publish",
    type: "text",
    item: {
      associations: {
        featuremedia: { _id: "a", type: "picture", byline: "too long" },
        "media--1": { _id: "b", type: "picture", byline: "much too long" },
        "media--2": { _id: "c", type: "picture", headline: "h", byline: "short" },
      },
    },
  });
  assert.deepEqual(result?.errors, [
    "MEDIA'S BYLINE is a required field",
    "MEDIA'S HEADLINE is a required field",
  ]);
});
