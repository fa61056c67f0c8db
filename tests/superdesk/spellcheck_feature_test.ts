/** Superdesk's features/spellcheck.feature over HTTP. */
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";

feature("spellcheck", (f) => {
  f.scenario(
    "Spellcheck suggest corrections for word using all dicts for given language",
    ["auth"],
    async (s) => {
      await s.given(
        "dictionaries",
        `[{"name": "foo", "language_id": "en", "content": {"foo": 1}}, {"name": "bar", "language_id": "en", "content": {"bar": 2}}]`,
      );
      await s.post("spellcheck", `{"word": "foe", "language_id": "en"}`);
      s.newResource(`{"word": "foe", "corrections": ["foo"]}`);
      await s.post("spellcheck", `{"word": "baz", "language_id": "en"}`);
      s.newResource(`{"word": "baz", "corrections": ["bar"]}`);
    },
  );

  f.scenario("Spellcheck is using only active dictionaries", ["auth"], async (s) => {
    // Written raw: `is_active` is a string in Superdesk's schema too; its `Given` does not check.
    await givenRaw(
      s,
      "dictionaries",
      `[{"name": "inactive", "language_id": "en", "content": {"foo": 1}, "is_active": false}]`,
    );
    await s.post("spellcheck", `{"word": "foe", "language_id": "en"}`);
    // Superdesk's step accepts any value; the inactive dictionary's word is not suggested.
    s.newResource(`{"word": "foe", "corrections": []}`);
  });
});
