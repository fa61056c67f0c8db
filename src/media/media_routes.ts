/**
 * The media routes: `POST /api/upload` (Superdesk's `UploadService.on_create`), the raw media
 * route its hrefs point to (`GET /api/upload-raw/<media id>`, Superdesk's `upload_raw`
 * blueprint, with `/api/upload/<id>/raw` redirecting there as Superdesk keeps it), and
 * `POST /api/archive` with a multipart `media` file (Superdesk's `ArchiveMediaService`): the
 * other archive POSTs go on to the generic route.
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import { callerOf, createRouter, readDocument, type RouteContext } from "../apps/app_routes.ts";
import { writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ActivityService } from "../activity/activity_service.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { cropOf } from "./crop_fields.ts";
import { isMultipart, receiveMediaForm } from "./media_form.ts";
import type { MediaIntake, StoredMedia } from "./media_intake.ts";
import { isMediaId, type MediaStorage } from "./media_storage.ts";
import { rawMediaResponse } from "./raw_media.ts";
import { AVATAR_RENDITIONS, PICTURE_RENDITIONS } from "./rendition_specs.ts";
import { ARCHIVE_PRIVILEGE } from "./upload_resource.ts";
import type { UploadService } from "./upload_service.ts";
import { fileAtUrl, type UrlFetchOptions } from "./url_fetch.ts";

/** Item types by the first part of a file's type (Superdesk's `type_av`). */
const ITEM_TYPES: Readonly<Record<string, string>> = {
  image: "picture",
  audio: "audio",
  video: "video",
};

/** What the routes use. */
export interface MediaRouteOptions {
  uploads: UploadService;
  archive: () => ResourceService;
  /** The activity log, when its app is installed. */
  activity: () => ActivityService | undefined;
  storage: MediaStorage;
  maxBytes: number;
  /** How an upload's http(s) `URL` is fetched (`url_fetch.ts`). */
  urlFetch: Omit<UrlFetchOptions, "maxBytes">;
}

/** The router of the media routes. */
export function mediaRoutes(
  { uploads, archive, activity, storage, maxBytes, urlFetch }: MediaRouteOptions,
) {
  const routes = createRouter();
  const { slots } = uploads;
  const intake = uploads.intake;
  const created = (service: ResourceService, doc: Doc) =>
    wireJson(writeBody(service.definition, service.toPublic(doc)), 201, {
      ETag: `"${doc._etag}"`,
    });

  routes.post("/upload", async (c) => {
    const actor = callerOf(c);
    return await slots.run(async () => {
      const stored = await uploadedMedia(c, intake, { ...urlFetch, maxBytes });
      const [doc] = await keepOrRemove(stored, intake.remove.bind(intake), () =>
        uploads.create([{
          media: stored.media,
          mimetype: stored.mimetype,
          renditions: stored.renditions,
          filemeta_json: JSON.stringify(stored.filemeta),
        }], actor));
      return created(uploads, doc!);
    });
  });

  routes.on(["GET", "HEAD"], "/upload-raw/:id{[^/]+}", async (c) => {
    callerOf(c);
    // Superdesk's storages may add the extension; the id is what precedes it.
    const id = c.req.param("id").replace(/\.[a-z0-9]+$/i, "");
    const file = isMediaId(id) ? await storage.get(id) : undefined;
    if (!file) throw new NotFoundError("File not found on media storage.");
    return rawMediaResponse(file, {
      ifNoneMatch: c.req.header("if-none-match"),
      download: /^(true|1|yes)$/i.test(c.req.query("download") ?? ""),
      range: c.req.header("range"),
      ifRange: c.req.header("if-range"),
    });
  });

  routes.get("/upload/:id{[a-f0-9]{24}}/raw", (c) => {
    callerOf(c);
    return c.redirect(intake.href(c.req.param("id")), 302);
  });

  routes.post("/archive", async (c, next) => {
    if (!isMultipart(c.req.raw)) return await next();
    const actor = callerOf(c, ARCHIVE_PRIVILEGE);
    return await slots.run(() => archiveMedia(c, actor));
  });

  const archiveMedia = async (c: RouteContext, actor: ReturnType<typeof callerOf>) => {
    const { received, fields } = await receiveMediaForm(c.req.raw, intake, maxBytes);
    if (!received) throw new BadRequestError("No media found", { issues: { media: "required" } });
    const stored = await intake.finish(received, { renditions: PICTURE_RENDITIONS });
    const type = ITEM_TYPES[stored.mimetype.split("/")[0]!];
    if (!type) {
      await intake.remove([stored.media]);
      throw new BadRequestError(
        `A ${stored.mimetype} file cannot become an item: pictures, audio and video can`,
        { issues: { media: "unsupported type" } },
      );
    }
    const service = archive();
    const [doc] = await keepOrRemove(stored, intake.remove.bind(intake), () =>
      service.create([{
        ...fields,
        type,
        state: "in_progress",
        media: stored.media,
        mimetype: stored.mimetype,
        renditions: stored.renditions,
        filemeta_json: JSON.stringify(stored.filemeta),
      }], actor));
    // Superdesk's `add_activity("upload", ...)` of `ArchiveMediaService.on_create`.
    await activity()?.record({
      name: "upload",
      message: "uploaded media {{ name }}",
      resource: "archive",
      item: doc,
      data: { name: doc!.headline ?? doc!.mimetype, renditions: doc!.renditions },
    }, actor.kind === "user" ? actor.userId : undefined);
    return created(service, doc!);
  };
  return routes;
}

/**
 * The media of an upload: the multipart `media` part (stored as it arrives), or the file a
 * `URL` names (a `data:` URI, or an http(s) URL fetched safely); an avatar's renditions,
 * cropped as the form's crop fields say.
 */
async function uploadedMedia(
  c: RouteContext,
  intake: MediaIntake,
  fetchOptions: UrlFetchOptions,
): Promise<StoredMedia> {
  const { maxBytes } = fetchOptions;
  const options = (fields: Record<string, unknown>) => ({
    renditions: AVATAR_RENDITIONS,
    crop: cropOf(fields),
  });
  if (!isMultipart(c.req.raw)) {
    const fields = await readDocument(c) as Record<string, unknown>;
    const url = typeof fields.URL === "string" && fields.URL !== "" ? fields.URL : undefined;
    if (!url) throw noMedia();
    return await intake.store(await fileAtUrl(url, fetchOptions), options(fields));
  }
  const { received, fields } = await receiveMediaForm(c.req.raw, intake, maxBytes);
  if (received) {
    let checked;
    try {
      if (typeof fields.URL === "string" && fields.URL !== "") {
        throw new BadRequestError(
          "Uploading file by URL and file stream in the same time is not supported.",
        );
      }
      checked = options(fields);
    } catch (error) {
      // The file is stored already (it came first in the form): it goes with the refusal.
      await intake.remove([received.id]);
      throw error;
    }
    return await intake.finish(received, checked);
  }
  if (typeof fields.URL === "string" && fields.URL !== "") {
    return await intake.store(await fileAtUrl(fields.URL, fetchOptions), options(fields));
  }
  throw noMedia();
}

function noMedia(): BadRequestError {
  return new BadRequestError("No media found: send a `media` file or a `URL`", {
    issues: { media: "required" },
  });
}

/** `write()`'s documents; the stored media removed when it fails. */
async function keepOrRemove(
  stored: StoredMedia,
  remove: (ids: string[]) => Promise<void>,
  write: () => Promise<Doc[]>,
): Promise<Doc[]> {
  try {
    return await write();
  } catch (error) {
    await remove(Object.values(stored.renditions).map((r) => String(r.media)));
    throw error;
  }
}
