/**
 * The `item_comments` resource (Superdesk's `apps/archive/item_comments.py`): comments on a
 * content item, newest first, with the users (`@username`) and desks (`#desk_name`) they
 * mention. Writing one needs `archive`; the author is always the caller.
 */
import { Type } from "@sinclair/typebox";
import { commentResource } from "./comment_resource.ts";

/** The privilege that comments (Superdesk's: `archive`). */
export const COMMENT_PRIVILEGE = "archive";

/** The `item_comments` definition. */
export const itemCommentsResource = commentResource({
  name: "item_comments",
  item: Type.String({ minLength: 1 }),
  privilege: COMMENT_PRIVILEGE,
  relations: { item: { resource: "archive", embeddable: true } },
});
