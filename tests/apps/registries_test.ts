import assert from "node:assert/strict";
import { ClientConfigRegistry } from "../../src/apps/client_config_registry.ts";
import { MacroRegistry } from "../../src/apps/macro_registry.ts";
import { PreferenceRegistry } from "../../src/apps/preference_registry.ts";
import { PrivilegeRegistry } from "../../src/apps/privilege_registry.ts";
import { SearchProviderRegistry } from "../../src/apps/search_provider_registry.ts";

Deno.test("client_config merges objects across apps and refuses a leaf set twice, naming both", () => {
  const config = new ClientConfigRegistry();
  config.add({ user: { username_pattern: null }, google_auth: false }, { app: "auth" });
  config.add({ user: { sign_off_mapping: "initials" }, fact_checks: {} }, { app: "extra" });
  assert.deepEqual(config.values(), {
    user: { username_pattern: null, sign_off_mapping: "initials" },
    google_auth: false,
    fact_checks: {},
  });
  assert.equal(config.appOf("user.sign_off_mapping"), "extra");
  assert.throws(
    () => config.add({ user: { username_pattern: "x" } }, { app: "late" }),
    /client_config "user.username_pattern" is already set by app "auth"/,
  );
  assert.throws(
    () => config.add({ user: "flat" }, { app: "late" }),
    /client_config "user" is already set by app "auth"/,
  );
  assert.throws(
    () => config.add({ when: new Date() }, { app: "late" }),
    /client_config.when must be JSON data \(got Date\)/,
  );
  assert.throws(() => config.add({ n: NaN }, { app: "late" }), /client_config.n must be a finite/);
  const copy = config.values();
  (copy.user as Record<string, unknown>).username_pattern = "changed";
  assert.equal((config.values().user as Record<string, unknown>).username_pattern, null);
});

Deno.test("user preference defaults render as Superdesk's available_user_preferences", () => {
  const preferences = new PreferenceRegistry();
  preferences.addUserPreference("archive:view", { type: "string", view: "mgrid" }, {
    app: "newsroom",
    label: "Users archive view format",
    category: "archive",
  });
  preferences.addUserPreference("agg:view", { active: {} }, { app: "newsroom" });
  preferences.addSessionPreference("desk:items", [], { app: "newsroom" });
  assert.deepEqual(preferences.userDefaults(), {
    "archive:view": {
      type: "string",
      view: "mgrid",
      label: "Users archive view format",
      category: "archive",
    },
    "agg:view": { active: {} },
  });
  assert.deepEqual(preferences.sessionDefaults(), { "desk:items": [] });
  const copy = preferences.sessionDefaults();
  (copy["desk:items"] as string[]).push("x");
  assert.deepEqual(preferences.sessionDefaults(), { "desk:items": [] });
  assert.throws(
    () => preferences.addUserPreference("bad", [] as never, { app: "x" }),
    /user preference "bad" must default to an object/,
  );
  assert.throws(
    () => preferences.addUserPreference("agg:view", {}, { app: "x" }),
    /user preference "agg:view" is already registered by app "newsroom"/,
  );
  assert.throws(
    () => preferences.addSessionPreference("fn", () => 1, { app: "x" }),
    /session preference "fn" must be JSON data/,
  );
  assert.equal(preferences.userPreferenceApp("archive:view"), "newsroom");
});

Deno.test("privileges need a name without dots and a label; the list keeps registration order", () => {
  const privileges = new PrivilegeRegistry();
  privileges.add({ name: "archive", label: "Create content" }, { app: "newsroom" });
  privileges.add({ name: "fact_check", label: "Fact checking", category: "x" }, { app: "fc" });
  assert.deepEqual(privileges.list().map((p) => [p.name, p.app]), [
    ["archive", "newsroom"],
    ["fact_check", "fc"],
  ]);
  assert.throws(
    () => privileges.add({ name: "a.b", label: "A" }, { app: "x" }),
    /privilege name "a.b" must be non-empty, without "." or spaces/,
  );
  assert.throws(() => privileges.add({ name: "c", label: "" }, { app: "x" }), /needs a label/);
});

Deno.test("macros get Superdesk's defaults, upper-case desks and checked options", () => {
  const macros = new MacroRegistry();
  const callback = (item: Record<string, unknown>) => ({ item });
  macros.add({ name: "m", label: "M", desks: ["Politics"], callback }, { app: "a" });
  const macro = macros.get("m")!;
  assert.equal(macro.accessType, "frontend");
  assert.equal(macro.actionType, "direct");
  assert.equal(macro.replaceType, "no-replace");
  assert.deepEqual(macro.desks, ["POLITICS"]);
  assert.equal(macro.app, "a");
  assert.throws(
    () =>
      macros.add({ name: "n", label: "N", accessType: "public" as never, callback }, { app: "a" }),
    /macro "n" has accessType "public"; expected one of frontend, backend/,
  );
  assert.throws(
    () => macros.add({ name: "o", label: "O" } as never, { app: "a" }),
    /macro "o" needs a callback/,
  );
});

Deno.test("a search provider written as a class keeps its own fields in find and fetch", async () => {
  class Provider {
    readonly search_provider = "classy";
    readonly label = "Classy";
    #prefix = "from-class";
    find() {
      return [{ guid: `${this.#prefix}-1` }];
    }
    fetch(guid: string) {
      return { guid, headline: this.#prefix };
    }
  }
  const registry = new SearchProviderRegistry();
  registry.add(new Provider(), { app: "classy_app" });
  const [type] = registry.list();
  const provider = { _id: "p" };
  assert.deepEqual(await type!.find!({}, { params: {}, provider }), [{ guid: "from-class-1" }]);
  assert.deepEqual(await type!.fetch!("g", { provider }), { guid: "g", headline: "from-class" });
});
