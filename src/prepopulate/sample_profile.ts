/**
 * Prepopulate's sample data profiles (Superdesk's `app_prepopulate_data*.json`, our own data and
 * format): `profiles/<name>.json` holds `{description, records}`, each record
 * `{resource, key?, doc}`; a value `{"$key": "<key>"}` anywhere in a later `doc` is replaced by
 * the `_id` of the record created under that key. Records of resources this deployment does not
 * register are skipped, as Superdesk skips them; a record whose unique fields clash with a stored
 * document is taken as already there.
 */
import { BadRequestError, ValidationError } from "../errors.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** One record of a profile. */
export interface ProfileRecord {
  resource: string;
  /** The name later records use to refer to this one's `_id`. */
  key?: string;
  doc: Doc;
}

/** A profile file's content. */
export interface SampleProfile {
  description: string;
  records: ProfileRecord[];
}

/** The profiles by name; static imports, so a compiled binary carries them. */
const PROFILES: Readonly<Record<string, () => Promise<{ default: SampleProfile }>>> = {
  app_prepopulate_data: () =>
    import("./profiles/app_prepopulate_data.json", { with: { type: "json" } }),
  app_prepopulate_data_test: () =>
    import("./profiles/app_prepopulate_data_test.json", { with: { type: "json" } }),
};

/** The profile Superdesk loads when none is named. */
export const DEFAULT_PROFILE = "app_prepopulate_data";

/** The names of the profiles there are. */
export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** The profile `name`; a 400 naming the profiles there are when there is none of that name. */
export async function sampleProfile(name: string): Promise<SampleProfile> {
  const load = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
  if (!load) {
    throw new BadRequestError(
      `Cannot prepopulate: there is no profile "${name}" (there are: ${profileNames().join(", ")})`,
      { issues: { profile: "unknown" } },
    );
  }
  return (await load()).default;
}

/**
 * Creates the profile's records in order, as the system actor and without schema validation (as
 * Superdesk's prepopulate posts through the services): the sample users' short passwords must
 * log in whatever `PASSWORD_MIN_LENGTH` says. Returns how many documents were created.
 */
export async function loadProfile(
  registry: ResourceRegistry,
  profile: SampleProfile,
): Promise<number> {
  const ids = new Map<string, string>();
  let created = 0;
  for (const record of profile.records) {
    if (!registry.has(record.resource)) continue;
    const doc = resolveKeys(structuredClone(record.doc), ids) as Doc;
    const service = registry.service(record.resource);
    let stored: Doc | null;
    try {
      [stored = null] = await service.create([doc], SYSTEM_ACTOR, { trusted: true });
      created++;
    } catch (error) {
      stored = await existingTwin(service, doc, error);
    }
    if (record.key && stored) ids.set(record.key, String(stored._id));
  }
  return created;
}

/**
 * The document a record clashed with on its unique fields (a profile loaded again without an
 * erase: the record is kept as it is, and later records refer to it); any other error is thrown.
 */
async function existingTwin(service: ResourceService, doc: Doc, error: unknown) {
  const issues = error instanceof ValidationError ? Object.entries(error.issues ?? {}) : [];
  const clashes = issues.length > 0 &&
    issues.every(([, issue]) => isDoc(issue) && issue.unique === 1);
  if (!clashes) throw error;
  return await service.findOne(Object.fromEntries(issues.map(([field]) => [field, doc[field]])));
}

function resolveKeys(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveKeys(item, ids));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === "$key") {
    const id = ids.get(String(entries[0]![1]));
    if (id === undefined) {
      throw new Error(`profile refers to unknown key ${String(entries[0]![1])}`);
    }
    return id;
  }
  return Object.fromEntries(entries.map(([field, item]) => [field, resolveKeys(item, ids)]));
}
