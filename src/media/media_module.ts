/**
 * The media module (Superdesk's `superdesk/upload.py`, `superdesk/media/` and the media half of
 * `apps/archive`): the `upload` resource, the upload and raw media routes, and multipart
 * picture, audio and video uploads into `archive`. Binaries live in the media storage seam
 * (`services.media`); renditions are made by the image thread, started at the first picture.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import type { ActivityService } from "../activity/activity_service.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { cropHooks } from "./crop_hooks.ts";
import { createImageThread } from "./image_thread.ts";
import { MediaIntake } from "./media_intake.ts";
import { mediaItemHooks } from "./media_item_hooks.ts";
import { MediaReferences, mediaReferencesResource } from "./media_references.ts";
import { uploadResource } from "./upload_resource.ts";
import { UploadService } from "./upload_service.ts";
import { UploadSlots } from "./upload_slots.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`), after the newsroom. */
export const mediaApp = defineApp({
  name: "media",
  register(app: AppContext) {
    const { services, config } = app;
    const images = createImageThread();
    app.onClose(() => images.close());
    const intake = new MediaIntake(services.media, images, { prefix: config.mediaPrefix });
    const references = new MediaReferences(services.documents, services.media);
    const slots = new UploadSlots(config.mediaMaxUploads);
    const uploads = app.resource(
      uploadResource,
      new UploadService(uploadResource, services, { intake, slots, references }),
    );
    const archive = services.registry.service<ArchiveService>("archive");
    // Crops first: the references then record the files the crops made.
    archive.hooks.add(cropHooks(archive, intake, references));
    app.resource(mediaReferencesResource);
    archive.hooks.add(mediaItemHooks(references));
    app.routes(async () => {
      const [{ pictureRoutes }, { PICTURE_PATHS }] = await Promise.all([
        import("./picture_routes.ts"),
        import("./picture_openapi.ts"),
      ]);
      return { router: pictureRoutes(intake, services.registry), paths: PICTURE_PATHS };
    });
    app.link("picture_crop", "picture_crop");
    app.link("picture_renditions", "picture_renditions");
    app.routes(async () => {
      const [{ mediaRoutes }, { MEDIA_PATHS }] = await Promise.all([
        import("./media_routes.ts"),
        import("./media_openapi.ts"),
      ]);
      const router = mediaRoutes({
        uploads,
        archive: () => services.registry.service("archive"),
        activity: () =>
          services.registry.has("activity")
            ? services.registry.service("activity") as ActivityService
            : undefined,
        storage: services.media,
        maxBytes: config.mediaMaxBytes,
      });
      return { router, paths: MEDIA_PATHS };
    });
  },
});
