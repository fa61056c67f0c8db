/**
 * Reads a record, as Superdesk's `storage:record` writes it:
 * `{"metadata": {"started", "applied_updates", "base_dump"?, "description"?}, "events": [...]}`,
 * each event a MongoDB change event (`operationType`, `ns.coll`, `documentKey`, `fullDocument`,
 * `updateDescription`). Every event is checked here, before anything is erased.
 */
import { type Doc, isDoc } from "../storage/document_store.ts";
import { DumpFormatError } from "./dump_format_error.ts";
import { readDumpFile } from "./dump_file.ts";

/** One change of a record, checked. */
export type RecordEvent =
  | { operationType: "insert"; collection: string; fullDocument: Doc }
  | { operationType: "replace"; collection: string; id: string; fullDocument: Doc }
  | {
    operationType: "update";
    collection: string;
    id: string;
    fullDocument?: Doc;
    updatedFields: Doc;
    removedFields: string[];
  }
  | { operationType: "delete"; collection: string; id: string }
  /** An event kind with no change to a collection's documents (drop, rename...): skipped. */
  | { operationType: "other"; kind: string };

/** The parts of a change event a restore never reads (a BSON timestamp, the event's time). */
const UNUSED = /^events\.\d+\.(clusterTime|txnNumber|lsid)(\.|$)/;

/** A record, read. */
export interface StorageRecord {
  metadata: Doc;
  /** Its base dump (a name or path), when it has one. */
  baseDump?: string;
  events: RecordEvent[];
}

/** Reads the record at `path`. */
export async function readRecord(path: string): Promise<StorageRecord> {
  const content = await readDumpFile(path, { unused: UNUSED });
  if (!isDoc(content) || !isDoc(content.metadata) || !Array.isArray(content.events)) {
    throw new DumpFormatError(path, 'not a record (an object with "metadata" and "events")');
  }
  const { base_dump: baseDump } = content.metadata;
  if (baseDump !== undefined && baseDump !== null && typeof baseDump !== "string") {
    throw new DumpFormatError(path, "its base_dump is not a string");
  }
  return {
    metadata: content.metadata,
    baseDump: baseDump || undefined,
    events: content.events.map((event, i) => checkEvent(event, path, i)),
  };
}

function checkEvent(event: unknown, path: string, index: number): RecordEvent {
  const bad = (what: string) => new DumpFormatError(path, `event ${index} ${what}`);
  if (!isDoc(event) || typeof event.operationType !== "string") {
    throw bad("has no operationType");
  }
  const kind = event.operationType;
  if (!["insert", "update", "replace", "delete"].includes(kind)) {
    return { operationType: "other", kind };
  }
  const collection = isDoc(event.ns) ? event.ns.coll : undefined;
  if (typeof collection !== "string" || !collection) throw bad("has no ns.coll");
  const full = event.fullDocument;
  if (kind === "insert") {
    if (!isDoc(full) || full._id === undefined) throw bad("(insert) has no fullDocument");
    return { operationType: "insert", collection, fullDocument: full };
  }
  const key = isDoc(event.documentKey) ? event.documentKey._id : undefined;
  if (key === undefined || key === null) throw bad(`(${kind}) has no documentKey._id`);
  const id = String(key);
  if (kind === "delete") return { operationType: "delete", collection, id };
  if (kind === "replace") {
    if (!isDoc(full)) throw bad("(replace) has no fullDocument");
    return { operationType: "replace", collection, id, fullDocument: full };
  }
  const description = isDoc(event.updateDescription) ? event.updateDescription : {};
  const updatedFields = description.updatedFields ?? {};
  const removedFields = description.removedFields ?? [];
  if (
    !isDoc(updatedFields) || !Array.isArray(removedFields) ||
    !removedFields.every((field) => typeof field === "string")
  ) {
    throw bad("(update) has a malformed updateDescription");
  }
  if (!isDoc(full) && !isDoc(event.updateDescription)) {
    throw bad("(update) has neither fullDocument nor updateDescription");
  }
  return {
    operationType: "update",
    collection,
    id,
    fullDocument: isDoc(full) ? full : undefined,
    updatedFields,
    removedFields,
  };
}
