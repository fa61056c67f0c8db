/**
 * `Given "<resource>"` the way Superdesk's step does it: documents written straight to the
 * store, without the schema or the service's rules (Superdesk's `Given` posts to the service
 * without Eve's validation, so its fixtures often lack required fields). For resources that are
 * not search-backed. The scenario library's `given` validates; use this where a fixture needs it.
 */
import { computeEtag } from "../../src/resources/etag.ts";
import { newObjectId } from "../../src/resources/ids.ts";
import type { Json } from "./json_match.ts";
import type { Scenario } from "./scenario.ts";

/** Empties `resource` and stores the text's documents as they are (plus meta fields). */
export async function givenRaw(s: Scenario, resource: string, text: string): Promise<Json[]> {
  const service = s.app.platform.registry.service(resource);
  const definition = service.definition;
  if (definition.searchBacked) throw new Error(`givenRaw: ${resource} is search-backed`);
  const collection = s.app.platform.documents.collection(definition.datasource.source);
  await collection.deleteMany({});
  const now = new Date();
  const docs: Json[] = s.json(text);
  for (const doc of docs) {
    doc._id ??= newObjectId();
    // Superdesk's backend only defaults them (`setdefault`): a fixture may date itself.
    doc._created = doc._created ? new Date(doc._created) : now;
    doc._updated = doc._updated ? new Date(doc._updated) : now;
    if (definition.softDelete) doc._deleted = false;
    doc._etag = computeEtag(doc, definition.etagIgnoreFields);
  }
  await collection.insertMany(docs);
  s.resources[resource] = docs[docs.length - 1];
  return docs;
}
