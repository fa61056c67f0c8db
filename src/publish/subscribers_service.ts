/**
 * Subscribers (Superdesk's `SubscribersService`): sequence number settings are checked and
 * completed, an active subscriber needs a destination (or API products), direct products need
 * destinations, every destination gets a stable `_id` (queue entries and transmission locks are
 * per destination), and destination secrets (passwords, tokens) are never returned to clients
 * and kept when a client saves the subscriber back without them. Subscribers cannot be deleted
 * (Superdesk's item methods; deactivate them instead). Pushes `subscriber:create` and
 * `subscriber:update`.
 */
import { BadRequestError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { newObjectId } from "../resources/ids.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { assertUniqueName } from "../newsroom/unique_name.ts";
import { publishRefusal } from "./publish_errors.ts";

/** Superdesk's MAX_VALUE_OF_PUBLISH_SEQUENCE. */
export const MAX_PUBLISH_SEQUENCE = 9999;

/**
 * Destination config fields never sent to clients (Superdesk's `hide_fields`) nor kept in the
 * legal archive.
 */
export const SECRETS: readonly string[] = [
  "secret_token",
  "password",
  "apiKey",
  "access_key_id",
  "secret_access_key",
];

export class SubscribersService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      normalizeSequence(doc);
      doc.is_active ??= false;
      doc.is_targetable ??= true;
      doc.destinations = withIds(doc.destinations);
      await this.checkProductsAndDestinations(doc);
    }
  }

  protected override async onCreated(docs: Doc[]) {
    await this.ctx.notify("subscriber:create", { _id: docs.map((doc) => String(doc._id)) });
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    if ("sequence_num_settings" in updates) normalizeSequence(updates);
    if ("destinations" in updates) {
      updates.destinations = keepSecrets(withIds(updates.destinations), original.destinations);
    }
    await asUpdateRefusal(this.checkProductsAndDestinations({ ...original, ...updates }));
  }

  protected override async onUpdated(_updates: Doc, original: Doc) {
    await this.ctx.notify("subscriber:update", { _id: [String(original._id)] });
  }

  protected override onReplace(doc: Doc, original: Doc) {
    normalizeSequence(doc);
    doc.destinations = keepSecrets(withIds(doc.destinations), original.destinations);
    return asUpdateRefusal(this.checkProductsAndDestinations(doc));
  }

  /** Clients never see destination secrets. */
  override toPublic(doc: Doc): Doc {
    if (!Array.isArray(doc.destinations)) return doc;
    return {
      ...doc,
      destinations: (doc.destinations as Doc[]).map((destination) => {
        const config = destination.config as Doc | undefined;
        if (!config) return destination;
        const visible = { ...config };
        for (const secret of SECRETS) delete visible[secret];
        return { ...destination, config: visible };
      }),
    };
  }

  protected override onFetched(docs: Doc[], actor: Actor) {
    if (actor.kind !== "user") return;
    for (const [index, doc] of docs.entries()) docs[index] = this.toPublic(doc);
  }

  /**
   * Whether a kill, takedown or unpublish of an item no subscriber received goes to the
   * subscribers it matches now (`UNPUBLISH_TO_MATCHING_SUBSCRIBERS`).
   */
  get unpublishToMatching(): boolean {
    return this.ctx.config.unpublishToMatchingSubscribers;
  }

  /** Every active subscriber (the system's view, secrets included). */
  active(): Promise<Doc[]> {
    return this.collection.find({ is_active: true }, { sort: [["_id", 1]] });
  }

  /** Superdesk's `_validate_products_destinations`, for active subscribers. */
  private async checkProductsAndDestinations(subscriber: Doc) {
    if (subscriber.is_active !== true) return;
    const destinations = Array.isArray(subscriber.destinations) ? subscriber.destinations : [];
    const apiProducts = Array.isArray(subscriber.api_products) ? subscriber.api_products : [];
    const products = Array.isArray(subscriber.products) ? subscriber.products : [];
    if (destinations.length === 0 && apiProducts.length === 0) {
      throw new BadRequestError("At least one destination or one API Product should be specified", {
        issues: { destinations: { required: 1 }, api_products: { required: 1 } },
      });
    }
    if (products.length > 0 && destinations.length === 0) {
      throw new BadRequestError("Destinations not specified.", {
        issues: { destinations: { required: 1 } },
      });
    }
    const wrongType = async (ids: unknown[], type: string) => {
      if (ids.length === 0) return [];
      const found = await this.ctx.documents.collection("products").find({
        _id: { $in: ids },
        product_type: type,
      });
      return found.map((product) => String(product.name));
    };
    const apiOnly = await wrongType(products, "api");
    if (apiOnly.length > 0) {
      throw new BadRequestError(`Invalid Product Type. Products ${apiOnly.join(", ")}.`, {
        issues: { products: 1 },
      });
    }
    const directOnly = await wrongType(apiProducts, "direct");
    if (directOnly.length > 0) {
      throw new BadRequestError(`Invalid Product Type. API Products ${directOnly.join(", ")}.`, {
        issues: { products: 1 },
      });
    }
  }
}

/** Checks and completes `sequence_num_settings` (Superdesk's `_validate_seq_num_settings`). */
function normalizeSequence(subscriber: Doc) {
  const settings = subscriber.sequence_num_settings as Doc | undefined;
  if (!settings) return;
  const min = Number(settings.min ?? 1);
  const max = Number(settings.max ?? MAX_PUBLISH_SEQUENCE);
  if (min <= 0) {
    throw new BadRequestError(
      "Value of Minimum in Sequence Number Settings should be greater than 0",
      { issues: { "sequence_num_settings.min": 1 } },
    );
  }
  if (min >= max) {
    throw new BadRequestError(
      "Value of Minimum in Sequence Number Settings should be less than the value of Maximum",
      { issues: { "sequence_num_settings.min": 1 } },
    );
  }
  subscriber.sequence_num_settings = { min, max };
}

function withIds(destinations: unknown): Doc[] {
  if (!Array.isArray(destinations)) return [];
  return destinations.map((destination: Doc) => ({
    ...destination,
    _id: typeof destination._id === "string" && destination._id ? destination._id : newObjectId(),
  }));
}

/** Secrets the client did not send back are kept from the stored destination with that id. */
function keepSecrets(updated: Doc[], stored: unknown): Doc[] {
  const before = new Map(
    (Array.isArray(stored) ? stored as Doc[] : []).map((d) => [String(d._id), d]),
  );
  return updated.map((destination) => {
    const previous = before.get(String(destination._id))?.config as Doc | undefined;
    if (!previous) return destination;
    const config = { ...(destination.config as Doc | undefined ?? {}) };
    for (const secret of SECRETS) {
      if (!(secret in config) && secret in previous) config[secret] = previous[secret];
    }
    return { ...destination, config };
  });
}

/**
 * Superdesk's shape for a check refused while saving an existing subscriber (Eve reports an error
 * raised by `on_update` as `validator exception: "400: <message>"`); a new one keeps its issues.
 */
async function asUpdateRefusal(check: Promise<void>): Promise<void> {
  try {
    await check;
  } catch (error) {
    if (error instanceof BadRequestError) throw publishRefusal(error.message);
    throw error;
  }
}
