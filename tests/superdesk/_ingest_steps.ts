/**
 * Ingest steps of Superdesk's behave suite that the shared library does not have:
 * `Given ingest from "<provider>"` and `When we fetch from "<provider>" ingest "<file>"` (with a
 * routing scheme, to a desk and stage), with the providers the `@provider` tag sets up
 * (`superdesk/tests/setup_teardown.py`), each created on first use. The file providers (`AAP`:
 * NITF, `DPA`: IPTC 7901, `STT`: STT NewsML, `ninjs`, `reuters`: NewsML G2, `email`: formatted e-mail) read our own fixtures (`fixtures/ingest/`, written for the
 * scenarios and named as Superdesk's sample files or, for `reuters`, after the guid with `:` as
 * `_`), never Superdesk's; where Superdesk mocks Reuters' HTTP API, our `reuters` reads files, and
 * `ftp_ninjs` is on the test FTP server.
 */
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { IngestProvidersService } from "../../src/ingest/ingest_providers_service.ts";
import type { IngestService } from "../../src/ingest/ingest_service.ts";
import { ingestItems } from "../../src/ingest/ingest_items.ts";
import { pollDeps } from "../../src/ingest/ingest_tasks.ts";
import { feedParser } from "../../src/ingest/parsers/parser_registry.ts";
import { pollProvider } from "../../src/ingest/poll_provider.ts";
import { publishRouted } from "../../src/publish/publish_routed.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { ftpDirectory } from "../ingest/_servers.ts";
import type { Scenario } from "./scenario.ts";

const FIXTURES = new URL("./fixtures/ingest/", import.meta.url);

const PROVIDERS: Record<string, Record<string, unknown>> = {
  reuters: {
    name: "reuters",
    source: "reuters",
    feeding_service: "file",
    feed_parser: "newsml2",
    config: { path: FIXTURES.pathname },
  },
  AAP: {
    name: "AAP",
    source: "AAP Ingest",
    feeding_service: "file",
    feed_parser: "nitf",
    critical_errors: { "2005": true },
    config: { path: FIXTURES.pathname },
  },
  STT: {
    name: "STT",
    source: "STT",
    feeding_service: "file",
    feed_parser: "sttnewsml",
    config: { path: FIXTURES.pathname },
  },
  DPA: {
    name: "DPA",
    source: "DPA",
    feeding_service: "file",
    feed_parser: "iptc7901",
    config: { path: FIXTURES.pathname },
  },
  ninjs: {
    name: "ninjs",
    source: "NINJS",
    feeding_service: "file",
    feed_parser: "ninjs",
    config: { path: FIXTURES.pathname },
  },
  email: {
    name: "email",
    source: "Email",
    feeding_service: "file",
    feed_parser: "email_rfc822",
    config: { path: FIXTURES.pathname, formatted: true },
  },
  ftp_ninjs: {
    name: "ftp_ninjs",
    source: "ftp ninjs",
    feeding_service: "ftp",
    feed_parser: "ninjs",
    config: { host: "127.0.0.1", username: "admin", password: "admin", path: "/admin/superdesk" },
  },
};

/**
 * The provider named `name`, created as the `@provider` tag does on first use; its id is kept as
 * `#providers.<name in lower case>#`, as the tag keeps it.
 */
async function providerNamed(s: Scenario, name: string): Promise<Doc> {
  const providers = s.app.platform.registry.service("ingest_providers");
  const provider = await providers.findOne({ name }) ??
    (await providers.create([{ ...PROVIDERS[name], skip_config_test: true }], SYSTEM_ACTOR))[0]!;
  s.placeholders[`providers.${name.toLowerCase()}`] = String(provider._id);
  return provider;
}

/** `Given ingest from "<provider>"`: empties ingest, stores the items as the provider's. */
export async function ingestFrom(s: Scenario, provider: string, text: string): Promise<void> {
  const registry = s.app.platform.registry;
  const stored = await providerNamed(s, provider);
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

/**
 * `we fetch from "<provider>" ingest "<file>"` (Superdesk's `fetch_from_provider`; `using
 * routing_scheme` when `scheme`, the step's text, is given; `we ingest and fetch ... to desk ...
 * stage ...` with `desk` and `stage`): the fixture (`file`, or the guid's file) is parsed with the
 * provider's parser, its items made current (`versioncreated` now, expiry in 20 minutes, as the
 * step does), stored through the ingest pipeline with the provider's rule set and routed by the
 * scheme (routed publishing and macros as the ingest worker has them); then the provider is marked
 * as having received items. Each item's id is kept as `#<provider>.<guid>#` and, for NewsML G2,
 * as Superdesk names it, `#<provider>.<guid>:<version>#`.
 */
export async function fetchFrom(
  s: Scenario,
  name: string,
  file: string,
  { scheme, desk, stage }: { scheme?: string; desk?: string; stage?: string } = {},
): Promise<void> {
  const { registry, services, apps } = s.app.platform;
  const provider = await providerNamed(s, name);
  const parser = feedParser(String(provider.feed_parser));
  if (!parser) throw new Error(`provider ${name} has no parser`);
  const fileName = /\.(xml|json|txt)$/.test(file) ? file : `${file.replaceAll(":", "_")}.xml`;
  const now = new Date();
  const parsed = parser.parse(await Deno.readFile(new URL(fileName, FIXTURES)), {
    source: String(provider.source),
    config: provider.config as Doc,
    name: fileName,
    now,
  });
  if (parsed.problems.length) throw new Error(`${file}: ${parsed.problems.join("; ")}`);
  for (const item of parsed.items) {
    item.versioncreated = now;
    item.expiry = new Date(now.getTime() + 20 * 60_000);
    if (desk) item.task = { desk: s.json(`"${desk}"`), stage: s.json(`"${stage}"`) };
  }
  const ruleSet = provider.rule_set
    ? await registry.service("rule_sets").findOne({ _id: provider.rule_set })
    : null;
  const deps = pollDeps(services, { publish: publishRouted, macros: apps.macros });
  const route = scheme === undefined
    ? undefined
    : await deps.routingFor!({ ...provider, routing_scheme: s.json(`"${scheme.trim()}"`) });
  const outcome = await ingestItems(deps, provider, parsed.items, { now, ruleSet, route });
  if (outcome.problems.length) {
    throw new Error(`${file}: ${outcome.problems.map((problem) => problem.message).join("; ")}`);
  }
  await registry.service<IngestProvidersService>("ingest_providers")
    .writeStatus(String(provider._id), { last_item_update: now });
  const ingest = registry.service<IngestService>("ingest");
  for (const item of parsed.items) {
    const stored = await ingest.byGuid(String(item.guid));
    if (!stored) continue;
    s.placeholders[`${name}.${item.guid}`] = String(stored._id);
    // Superdesk's NewsML G2 guid ends in `:version` (ours not: README, Ingest); its name too.
    if (provider.feed_parser === "newsml2" || provider.feed_parser === "sttnewsml") {
      s.placeholders[`${name}.${item.guid}:${item.version}`] = String(stored._id);
    }
  }
}

/**
 * Superdesk's `ftp_ninjs` provider reading a fresh directory of the test FTP server that holds
 * `files` (Superdesk mocks the FTP connection and the files' items instead).
 */
export async function ftpNinjsWith(s: Scenario, files: Record<string, string>): Promise<void> {
  const ftp = (await ftpDirectory())!;
  try {
    for (const [name, text] of Object.entries(files)) {
      await ftp.client.store(`${ftp.path}/${name}`, new TextEncoder().encode(text));
    }
  } finally {
    await ftp.client.close();
  }
  const provider = await providerNamed(s, "ftp_ninjs");
  await s.app.platform.registry.service("ingest_providers")
    .update(String(provider._id), { config: ftp.config }, { actor: SYSTEM_ACTOR });
}

/**
 * `we run update_ingest command for "<provider>"`: the other providers are closed, then every
 * open provider is polled once, as Superdesk's `UpdateIngest().run()` with every provider due.
 */
export async function runUpdateIngest(s: Scenario, name: string): Promise<void> {
  const { platform } = s.app;
  const providers = platform.registry.service("ingest_providers");
  await providerNamed(s, name);
  const { items: open } = await providers.find({
    filter: { is_closed: { $ne: true } },
    page: 1,
    maxResults: 1000,
    skipCount: true,
  });
  for (const provider of open.filter((provider) => provider.name !== name)) {
    await providers.update(String(provider._id), { is_closed: true }, { actor: SYSTEM_ACTOR });
  }
  for (const provider of open.filter((provider) => provider.name === name)) {
    const result = await pollProvider(pollDeps(platform.services), String(provider._id));
    if (result.failed || result.problems) throw new Error(`${name}: ${JSON.stringify(result)}`);
  }
}
