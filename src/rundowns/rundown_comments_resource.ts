/**
 * The `rundown_comments` resource (Superdesk's `apps/rundowns/comments.py`): comments on rundown
 * items, with the users they mention; writing one needs `rundowns`.
 */
import { commentResource } from "../comments/comment_resource.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** The `rundown_comments` definition: comments on a rundown item. */
export const rundownCommentsResource = commentResource({
  name: "rundown_comments",
  item: ObjectIdField(),
  privilege: RUNDOWNS_PRIVILEGE,
});
