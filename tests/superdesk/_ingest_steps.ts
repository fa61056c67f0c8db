/**
 * Ingest steps of Superdesk's behave suite that the shared library does not have:
 * `Given ingest from "<provider>"` with the providers the `@provider` tag sets up. Superdesk's
 * `reuters` provider uses the Reuters API feeding service (`reuters_http`), which we do not have;
 * the stand-in has the same name and source on our `http` service with the `newsml2` parser. The
 * scenarios that use it never poll it: they only need items attributed to it.
 */
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Scenario } from "./scenario.ts";

const PROVIDERS: Record<string, Record<string, unknown>> = {
  reuters: {
    name: "reuters",
    source: "reuters",
    feeding_service: "http",
    feed_parser: "newsml2",
    config: { url: "http://127.0.0.1:9/reuters" },
  },
};

/** `Given ingest from "<provider>"`: empties ingest, stores the items as the provider's. */
export async function ingestFrom(s: Scenario, provider: string, text: string): Promise<void> {
  const registry = s.app.platform.registry;
  const providers = registry.service("ingest_providers");
  const stored = await providers.findOne({ name: provider }) ??
    (await providers.create([{ ...PROVIDERS[provider], skip_config_test: true }], SYSTEM_ACTOR))[
      0
    ]!;
  const items = s.json(text).map((item: Record<string, unknown>) => ({
    ...item,
    ingest_provider: String(stored._id),
    source: stored.source,
  }));
  const ingest = registry.service("ingest");
  await ingest.deleteMany({}, SYSTEM_ACTOR);
  await ingest.create(items, SYSTEM_ACTOR);
}

/** `we have "<url>" with "<NAME>" and success`: posts, requires OK, keeps the id as `#NAME#`. */
export async function haveWith(s: Scenario, url: string, name: string, text: string) {
  await s.post(url, text);
  const body = s.ok();
  s.placeholders[name] = body._id;
}
