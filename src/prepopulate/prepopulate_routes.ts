/**
 * `POST /api/prepopulate` with `{remove_first?, profile?}` (Superdesk's testing-mode resource):
 * public, as Superdesk's; answers 201 with Eve's envelope of the id "OK" once the data is loaded. Also the reset
 * gate's middleware for every other `/api` route (this router is mounted first), and
 * `POST /api/restore_record` behind the same gate (`src/storage_dump/restore_record_route.ts`).
 */
import { BadRequestError, type Issues } from "../errors.ts";
import { createRouter, readDocument } from "../apps/app_routes.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { prepopulate, type PrepopulateRequest } from "./prepopulate.ts";
import type { ResetGate } from "./reset_gate.ts";
import { DEFAULT_PROFILE } from "./sample_profile.ts";
import { restoreRecordHandler } from "../storage_dump/restore_record_route.ts";

/** Eve's answer to Superdesk's create, whose one id is "OK". */
const CREATED = Object.freeze({
  _id: "OK",
  _status: "OK",
  _links: { self: { title: "Prepopulate", href: "prepopulate/OK" } },
});

/** Builds the router. */
export function prepopulateRoutes(ctx: ServiceContext, gate: ResetGate) {
  const routes = createRouter();
  // Before the gate: the reset itself is not one of the requests it waits for.
  routes.post("/prepopulate", async (c) => {
    await prepopulate(ctx, gate, parseRequest(await readDocument(c)));
    return wireJson(CREATED, 201);
  });
  routes.post("/restore_record", restoreRecordHandler(ctx, gate));
  routes.use("*", gate.admit);
  return routes;
}

/** The body's fields with Superdesk's defaults; a 400 with `_issues` for anything else. */
function parseRequest(body: Doc): PrepopulateRequest {
  const issues: Issues = {};
  for (const field of Object.keys(body)) {
    if (field !== "remove_first" && field !== "profile") issues[field] = "unknown field";
  }
  const { remove_first: removeFirst = true, profile = DEFAULT_PROFILE } = body;
  if (typeof removeFirst !== "boolean") issues.remove_first = "must be of boolean type";
  if (typeof profile !== "string") issues.profile = "must be of string type";
  if (Object.keys(issues).length > 0) {
    throw new BadRequestError("Cannot prepopulate: the request is not valid", { issues });
  }
  return { removeFirst: removeFirst as boolean, profile: profile as string };
}
