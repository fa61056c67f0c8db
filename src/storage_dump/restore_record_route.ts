/**
 * `POST /api/restore_record {"name": "<record>"}` (Superdesk's testing-mode `restore_record`):
 * public, only with `SUPERDESK_TESTING` (mounted by the prepopulate module, behind its reset
 * gate: requests meanwhile get 503, restores and prepopulates run one after another). Answers
 * 201 with Eve's envelope of the id "OK" once the record is restored; an unknown name, a name
 * that is a path, or a corrupt file is a 400 and nothing is erased.
 */
import type { Handler } from "hono";
import { readDocument } from "../apps/app_routes.ts";
import { BadRequestError, type Issues } from "../errors.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResetGate } from "../prepopulate/reset_gate.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { loadRecord, restoreRecord } from "./restore_record.ts";

/** Eve's answer to Superdesk's create, whose one id is "OK". */
const RESTORED = Object.freeze({
  _id: "OK",
  _status: "OK",
  _links: { self: { title: "Restore_record", href: "restore_record/OK" } },
});

/** A record's name: no directory part, nothing hidden. */
const RECORD_NAME = /^[\w-][\w.-]*$/;

/** The handler. */
export function restoreRecordHandler(ctx: ServiceContext, gate: ResetGate): Handler {
  return async (c) => {
    const name = parseName(await readDocument(c));
    const loaded = await loadRecord(name, ctx.config);
    await gate.exclusive(() => restoreRecord(ctx, loaded));
    return wireJson(RESTORED, 201);
  };
}

function parseName(body: Doc): string {
  const issues: Issues = {};
  for (const field of Object.keys(body)) if (field !== "name") issues[field] = "unknown field";
  const { name } = body;
  if (name === undefined) issues.name = "required field";
  else if (typeof name !== "string") issues.name = "must be of string type";
  else if (!RECORD_NAME.test(name)) issues.name = "must be a record's name, not a path";
  if (Object.keys(issues).length > 0) {
    throw new BadRequestError("Cannot restore the record: the request is not valid", { issues });
  }
  return name as string;
}
