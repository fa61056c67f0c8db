/**
 * The attachments module (Superdesk's `superdesk.attachments`): the `attachments` resource, its
 * upload route, and the client settings `attachments_max_files` and `attachments_max_size`.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { attachmentsResource } from "./attachments_resource.ts";
import { AttachmentsService } from "./attachments_service.ts";
import type { UploadService } from "../media/upload_service.ts";

/** Superdesk's defaults (`ATTACHMENTS_MAX_FILES`, `ATTACHMENTS_MAX_SIZE`). */
const MAX_FILES = 10;
const MAX_SIZE = 8 * 2 ** 20;

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const attachmentsApp = defineApp({
  name: "attachments",
  register(app: AppContext) {
    const { services } = app;
    const attachments = app.resource(
      attachmentsResource,
      new AttachmentsService(attachmentsResource, services),
    );
    app.clientConfig({ attachments_max_files: MAX_FILES, attachments_max_size: MAX_SIZE });
    app.routes(async () => {
      // The multipart upload is described with the generated create of `attachments`.
      const { attachmentsRoutes } = await import("./attachments_routes.ts");
      return {
        router: attachmentsRoutes({
          attachments,
          media: services.media,
          maxBytes: Math.min(MAX_SIZE, app.config.mediaMaxBytes),
          slots: services.registry.has("upload")
            ? services.registry.service<UploadService>("upload").slots
            : undefined,
        }),
      };
    });
  },
});
