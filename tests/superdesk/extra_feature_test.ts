/**
 * Superdesk's features/extra.feature: an item's `extra` keeps whatever the client puts there (a
 * date-like string stays a string, an empty string is allowed).
 */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";

feature("extra", (f) => {
  f.scenario("It can store any data", ["auth"], async (s) => {
    await s.post(
      "/archive",
      `{"type": "text", "version": 1, "extra": {"foo": "2019-12-17T10:37:00+0000"}}`,
    );
    const dated = s.ok();
    await s.get(`/archive/${dated._id}`);
    assert.deepEqual(s.ok().extra, { foo: "2019-12-17T10:37:00+0000" });

    await s.post("/archive", `{"type": "text", "version": 1, "extra": {"foo": ""}}`);
    const empty = s.ok();
    await s.get(`/archive/${empty._id}`);
    assert.deepEqual(s.ok().extra, { foo: "" });
  });
});
