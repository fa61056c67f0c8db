/**
 * A document of Superdesk's, in the shape our store and services read: the `_id` a string; the
 * `_etag` a resource's documents need for `If-Match`, computed when Superdesk's has none; and a
 * session (`auth`) with the SHA-256 of its token instead of the token (`sessions_resource.ts`),
 * its last activity its `_updated`; a counter (`sequences`) under its `key`, by which Superdesk
 * finds it and our `sequences.ts` reads it as `_id`; and the fields a resource derives from a
 * document's own (`derivedFields`: the hidden unique name keys), which Superdesk does not store.
 * Documents already in our shape (our own dumps) pass unchanged, so a dump and restore gives back
 * the same documents.
 */
import { hashSessionToken } from "../auth/session_token.ts";
import { computeEtag } from "../resources/etag.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { SEQUENCES_COLLECTION } from "../resources/sequences.ts";
import type { Doc } from "../storage/document_store.ts";

/** What the shape of a collection's documents depends on. */
export interface ShapeContext {
  /** The collections of registered resources (their documents carry an `_etag`). */
  resourceSources: ReadonlySet<string>;
  /** The `derivedFields` of the resources that declare them, by collection. */
  derivedFields: ReadonlyMap<string, (doc: Doc) => Doc>;
}

/** The shape context of the resources `definitions` declares. */
export function shapeContext(definitions: readonly ResourceDefinition[]): ShapeContext {
  const derivedFields = new Map<string, (doc: Doc) => Doc>();
  for (const definition of definitions) {
    if (definition.derivedFields) {
      derivedFields.set(definition.datasource.source, definition.derivedFields);
    }
  }
  return {
    resourceSources: new Set(definitions.map((d) => d.datasource.source)),
    derivedFields,
  };
}

/** `doc` of `collection`, as our store keeps it. */
export function storedShape(collection: string, doc: Doc, ctx: ShapeContext): Doc {
  // Superdesk's counter is `{_id: ObjectId, key, sequence_number}`, found by `key`; its own id
  // is kept as `source_id` for a record's later events, which name it by that id.
  const counter = collection === SEQUENCES_COLLECTION && typeof doc.key === "string" &&
    String(doc._id) !== doc.key;
  const derive = ctx.derivedFields.get(collection);
  const out: Doc = counter
    ? { ...doc, _id: doc.key, source_id: String(doc._id) }
    : { ...doc, ...derive?.(doc), _id: String(doc._id) };
  if (collection === "auth" && typeof out.token === "string") {
    const { token, ...session } = out;
    session.token_hash = hashSessionToken(token as string);
    session.last_activity_at ??= session._updated ?? session._created;
    return withEtag(session, ctx.resourceSources.has(collection));
  }
  return withEtag(out, ctx.resourceSources.has(collection));
}

function withEtag(doc: Doc, needsEtag: boolean): Doc {
  if (!needsEtag || typeof doc._etag === "string") return doc;
  return { ...doc, _etag: computeEtag(doc) };
}
