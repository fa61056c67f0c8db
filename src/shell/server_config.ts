/**
 * The `config` resource (Superdesk's `superdesk/server_config.py`): small named settings the web
 * client keeps on the server, e.g. `phone_home` (whether the admin answered the first-run
 * dialog). `GET /api/config/<key>` is public and never a 404 (`{_id, val: null}` when unset);
 * `POST /api/config {_id, val}` sets it, merging an object `val` key by key (a dotted key sets a
 * nested one), as Superdesk does. Only administrators may set one (Superdesk meant to, but its
 * check is never called).
 */
import { Type } from "@sinclair/typebox";
import { ConflictError, ForbiddenError, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { computeEtag } from "../resources/etag.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { expandDottedValue } from "../resources/dotted.ts";
import { assertStorable } from "../resources/storable_keys.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { type Doc, DuplicateKeyError, isDoc } from "../storage/document_store.ts";

/** A config key: letters, digits, `.`, `:`, `_`, `-`. */
const KEY = "[\\w.:-]+";

/** The `config` definition. */
export const serverConfigResource = defineResource({
  name: "config",
  schema: Type.Object({
    _id: Type.String({ pattern: `^${KEY}$` }),
    val: Type.Unknown(),
    init_version: Type.Optional(Type.Integer()),
  }, { additionalProperties: false }),
  resourceMethods: ["POST"],
  itemMethods: ["GET"],
  publicMethods: ["GET"],
  itemUrl: KEY,
});

/** Reads default to `null`; writes merge. */
export class ServerConfigService extends ResourceService {
  override async getById(id: string): Promise<Doc> {
    return (await this.collection.findOne({ _id: id })) ?? { _id: id, val: null, _etag: "" };
  }

  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    if (actor.kind === "user" && !actor.isAdmin) {
      throw new ForbiddenError("Only administrators may change the server configuration");
    }
    const stored: Doc[] = [];
    for (const input of inputs) {
      const key = input._id;
      if (typeof key !== "string" || !new RegExp(`^${KEY}$`).test(key)) {
        throw new ValidationError({ _id: { required: 1 } });
      }
      assertStorable(input);
      stored.push(await this.set(key, input.val));
    }
    return stored;
  }

  /**
   * Sets `key` to `val` (an object is merged key by key into a stored object); returns the
   * stored document. A concurrent writer is never lost: the replace is guarded by the etag read.
   */
  async set(key: string, val: unknown): Promise<Doc> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const now = new Date();
      const existing = await this.collection.findOne({ _id: key });
      const doc: Doc = {
        _id: key,
        val: mergedValue(existing?.val, val),
        _created: existing?._created ?? now,
        _updated: now,
      };
      doc._etag = computeEtag(doc);
      try {
        if (!existing) {
          await this.collection.insertMany([doc]);
          return doc;
        }
        if (await this.collection.replaceOne({ _id: key, _etag: existing._etag }, doc)) return doc;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    throw new ConflictError(`Cannot set config "${key}": it keeps changing; try again`);
  }
}

/**
 * `val` merged into `current`: an object's keys (dotted or not) set one by one, the dotted keys
 * inside their values (or inside a `val` that is no object, such as a list) expanded, as Eve's
 * normalisation does before Superdesk's `set`.
 */
function mergedValue(current: unknown, val: unknown): unknown {
  if (!isDoc(val) || Object.keys(val).length === 0) return expandDottedValue(val ?? null);
  const out: Doc = isDoc(current) ? structuredClone(current) : {};
  for (const [key, value] of Object.entries(val)) {
    const path = key.split(".");
    if (path.some((segment) => segment === "" || segment.startsWith("$"))) {
      throw new ValidationError({ val: `invalid key "${key}"` });
    }
    let node = out;
    for (const segment of path.slice(0, -1)) {
      node[segment] = isDoc(node[segment]) ? node[segment] : {};
      node = node[segment] as Doc;
    }
    node[path[path.length - 1]!] = expandDottedValue(value);
  }
  return out;
}
