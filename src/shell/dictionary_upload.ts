/**
 * Dictionary uploads (Superdesk's dictionary form): the web client sends `POST /api/dictionaries`
 * and `PATCH /api/dictionaries/<id>` as `multipart/form-data`, with the dictionary's fields as
 * text parts, its words as `content_list` (JSON text) and/or a `file` of one word per line
 * (UTF-8; lines of digits skipped; each line counts once more). The form becomes the JSON
 * document the service takes; other requests go on to the generic routes. Uploads are limited
 * to `MAX_UPLOAD_BYTES` (413 beyond).
 */
import { BadRequestError, HttpError } from "../errors.ts";
import { callerOf, createRouter, type RouteContext } from "../apps/app_routes.ts";
import { normalizeEtag } from "../resources/etag.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { wireJson } from "../http/wire_json.ts";
import { readBounded } from "../net/read_bounded.ts";
import { writeBody } from "../http/resources/render.ts";
import { DICTIONARIES_PRIVILEGE } from "./dictionaries_resource.ts";

/** The largest dictionary upload accepted. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** The router of the two multipart endpoints. */
export function dictionaryUploadRoutes(dictionaries: ResourceService) {
  const routes = createRouter();
  const render = (doc: Doc, status: number) =>
    wireJson(writeBody(dictionaries.definition, dictionaries.toPublic(doc)), status, {
      ETag: `"${doc._etag}"`,
    });
  routes.post("/dictionaries", async (c, next) => {
    if (!isMultipart(c)) return await next();
    const actor = callerOf(c, DICTIONARIES_PRIVILEGE);
    const [doc] = await dictionaries.create([await formDocument(c)], actor);
    return render(doc!, 201);
  });
  routes.patch("/dictionaries/:id{[a-f0-9]{24}}", async (c, next) => {
    if (!isMultipart(c)) return await next();
    const actor = callerOf(c, DICTIONARIES_PRIVILEGE);
    const ifMatch = c.req.header("if-match");
    const doc = await dictionaries.update(c.req.param("id"), await formDocument(c), {
      actor,
      etag: ifMatch === undefined ? undefined : normalizeEtag(ifMatch),
    });
    return render(doc, 200);
  });
  return routes;
}

function isMultipart(c: RouteContext): boolean {
  return /^multipart\/form-data\b/i.test(c.req.header("content-type") ?? "");
}

/** The form as a dictionary document: text fields, the file's words merged into `content`. */
async function formDocument(c: RouteContext): Promise<Doc> {
  const form = await boundedForm(c.req.raw);
  const doc: Doc = {};
  let fileWords: Record<string, number> | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (name !== "file") doc[name] = value;
      continue;
    }
    if (name !== "file") continue;
    if (value.type && !value.type.startsWith("text/")) {
      throw new BadRequestError("A text dictionary file is required");
    }
    fileWords = countWords(await value.text());
  }
  if (fileWords) {
    const listed = typeof doc.content_list === "string" ? parseList(doc.content_list) : {};
    for (const [word, count] of Object.entries(fileWords)) {
      listed[word] = Number(listed[word] ?? 0) + count;
    }
    doc.content_list = JSON.stringify(listed);
  }
  if (doc.user === "" || doc.user === "null") doc.user = null;
  return doc;
}

/** Words of a file, one per line: each line counts 1, plus 1 per repeat (Superdesk's `train`). */
function countWords(text: string): Record<string, number> {
  const words: Record<string, number> = {};
  for (const line of text.replace(/^\ufeff/, "").split(/\r?\n/)) {
    const word = line.trim();
    if (!word || /^\d+$/.test(word)) continue;
    words[word] = (words[word] ?? 1) + 1;
  }
  return words;
}

function parseList(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new BadRequestError("content_list must be a JSON object of words");
}

/** The multipart form, read up to `MAX_UPLOAD_BYTES`. */
async function boundedForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) throw tooLarge();
  const body = await readBounded(request.body, MAX_UPLOAD_BYTES, tooLarge);
  try {
    return await new Request(request.url, {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type")! },
      body,
    }).formData();
  } catch {
    throw new BadRequestError("Malformed multipart/form-data body");
  }
}

function tooLarge(): HttpError {
  return new HttpError(413, `Dictionary upload larger than ${MAX_UPLOAD_BYTES} bytes`);
}
