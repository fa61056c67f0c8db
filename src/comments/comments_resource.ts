/**
 * The generic `comments` resource (Superdesk's `apps/comments`): comments on anything an `item`
 * string names (a planning item, an assignment ...), newest first, with the users (`@username`)
 * and desks (`#desk_name`) they mention. Writing one needs `archive`; the author is always the
 * caller. `item_comments` is the same on content items.
 */
import { Type } from "@sinclair/typebox";
import { commentResource } from "./comment_resource.ts";
import { COMMENT_PRIVILEGE } from "./item_comments_resource.ts";

/** The `comments` definition; what the comment is on is any id, not checked. */
export const commentsResource = commentResource({
  name: "comments",
  item: Type.Optional(Type.String()),
  privilege: COMMENT_PRIVILEGE,
});
