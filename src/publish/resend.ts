/**
 * Resending an item (Superdesk's `ResendService`, `POST /api/archive/<id>/resend` with
 * `{subscribers, version}`): the newest version of a published, corrected or killed text story
 * goes again to the chosen active subscribers, with their product codes, through the queue (and
 * to the content API for those with api products); a broadcast only to wire subscribers.
 */
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { Logger } from "../log.ts";
import { enqueueForRoutes } from "./enqueue_copy.ts";
import { routeAssociations } from "./association_routing.ts";
import { deliverToContentApi } from "./content_api_delivery.ts";
import { publishRefusal } from "./publish_errors.ts";
import type { PublishContext } from "./publish_action.ts";
import { codesOf } from "./subscriber_routing.ts";
import { nextSequence } from "../resources/sequences.ts";
import { requestTransmission } from "./transmit_task.ts";
import { PUBLISH_SEQUENCE } from "./enqueue_task.ts";
import { isBroadcast } from "./broadcast/broadcast_genre.ts";

const RESENDABLE = ["published", "corrected", "killed", "being_corrected"];

/** Resends item `id` to `body.subscribers`; returns how many queue entries were made. */
export async function resendItem(
  context: PublishContext,
  id: string,
  { actor, body, log }: { actor: Actor; body: Doc; log: Logger },
): Promise<number> {
  const archive: ArchiveService = context.archive;
  const article = await archive.findOne({ _id: id }, actor);
  if (!article) throw publishRefusal("Story couldn't be found!");
  if (article.type !== "text" && article.type !== "preformatted") {
    throw publishRefusal("Only text stories can be resent!");
  }
  if (!RESENDABLE.includes(String(article.state))) {
    throw publishRefusal("Only published, corrected or killed stories can be resent!");
  }
  if (Number(article._current_version) !== Number(body.version)) {
    throw publishRefusal(
      `Please use the newest version ${article._current_version} to resend!`,
    );
  }
  if (article.rewritten_by) throw publishRefusal("Updated story cannot be resent!");
  const ids = Array.isArray(body.subscribers) ? body.subscribers.map(String) : [];
  if (ids.length === 0) throw publishRefusal("No subscribers selected!");
  const subscribers = await archive.registry.service("subscribers").find({
    filter: { _id: { $in: ids }, is_active: true },
    page: 1,
    maxResults: 1000,
    skipCount: true,
  });
  if (subscribers.items.length === 0) throw publishRefusal("No active subscribers found!");
  const digital = (subscriber: Doc) =>
    ["digital", "all"].includes(String(subscriber.subscriber_type));
  if (isBroadcast(article) && subscribers.items.some(digital)) {
    throw publishRefusal("Only wire subscribers can receive broadcast stories!");
  }
  const products = await archive.registry.service("products").find({
    page: 1,
    maxResults: 10_000,
    skipCount: true,
  });
  const routes = subscribers.items.map((subscriber) => ({
    subscriber,
    codes: [
      ...new Set([
        ...codesOf(subscriber),
        ...products.items.filter((product) =>
          ((subscriber.products as unknown[] | undefined) ?? []).includes(product._id)
        ).flatMap(codesOf),
      ]),
    ],
    // Superdesk's resend: a subscriber with api products gets it in the content API again.
    api: ((subscriber.api_products as unknown[] | undefined) ?? []).length > 0,
  }));
  const sequence = await nextSequence(context.documents, PUBLISH_SEQUENCE);
  const copy = { ...article, item_id: id, publish_sequence_no: sequence };
  routeAssociations(copy, routes);
  const { entries, destinations } = await enqueueForRoutes(archive.registry, [{ copy, routes }], {
    log,
  });
  await deliverToContentApi(archive.registry, [{ copy, routes }]);
  await requestTransmission(context.queue, destinations);
  await archive.signals.emit("item:operation", {
    item: article,
    operation: "resend",
    updates: { subscribers: ids },
    user: actor.userId,
  });
  return entries.length;
}
