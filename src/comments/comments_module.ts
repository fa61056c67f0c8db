/**
 * The comments app (Superdesk's `apps/comments`, `apps/archive/item_comments.py`): the
 * `item_comments` resource, whose mentions notify users and desks through the activity log.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { itemCommentsResource } from "./item_comments_resource.ts";
import { ItemCommentsService } from "./item_comments_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`), after activity. */
export const commentsApp = defineApp({
  name: "comments",
  register(app: AppContext) {
    const comments = app.resource(
      itemCommentsResource,
      new ItemCommentsService(itemCommentsResource, app.services),
    );
    const { registry, config } = app.services;
    app.routes(async () => {
      const { itemCommentsRoutes } = await import("./item_comments_routes.ts");
      return { router: itemCommentsRoutes(comments, { registry, limits: config }) };
    });
    app.link("archive/<path:item>/comments", "content_item_comments");
  },
});
