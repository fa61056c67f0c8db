/**
 * The comments app (Superdesk's `apps/comments`, `apps/archive/item_comments.py`): the generic
 * `comments` resource and `item_comments` on content items, whose mentions notify users and
 * desks through the activity log and mail the users (a queued task, `mention_mail_task.ts`), and
 * the mentions in the inline comments of an item's editor state (`inline_mentions.ts`).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { createMailSender } from "../mail/mail_sender.ts";
import { commentsResource } from "./comments_resource.ts";
import { CommentsService } from "./comments_service.ts";
import { itemCommentsResource } from "./item_comments_resource.ts";
import { inlineMentionHooks } from "./inline_mentions.ts";
import { ItemCommentsService } from "./item_comments_service.ts";
import { mentionMailTask } from "./mention_mail_task.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`), after activity. */
export const commentsApp = defineApp({
  name: "comments",
  register(app: AppContext) {
    app.tasks(mentionMailTask(createMailSender(app.services.config, app.log)));
    app.resource(commentsResource, new CommentsService(commentsResource, app.services));
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
    app.hooks("archive", inlineMentionHooks(app.services));
  },
});
