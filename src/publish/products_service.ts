/**
 * Products (Superdesk's `ProductsService`): names are unique ignoring case, the type defaults to
 * `both`, a product used by subscribers cannot be deleted, and its type cannot change to one its
 * subscribers' use contradicts (direct products of API-only ones and the reverse).
 */
import { BadRequestError } from "../errors.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { assertUniqueName } from "../newsroom/unique_name.ts";

export class ProductsService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      doc.product_type ??= "both";
      if (doc.content_filter && typeof doc.content_filter === "object") {
        (doc.content_filter as Doc).filter_type ??= "blocking";
      }
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if (updates.content_filter && typeof updates.content_filter === "object") {
      (updates.content_filter as Doc).filter_type ??= "blocking";
    }
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    const before = original.product_type ?? "both";
    const after = updates.product_type ?? before;
    if (after === before) return;
    const field = after === "direct" ? "api_products" : after === "api" ? "products" : undefined;
    if (!field) return;
    const names = await this.subscriberNames({ [field]: original._id });
    if (names.length > 0) {
      const use = after === "direct" ? "API publishing" : "direct publishing";
      throw new BadRequestError(
        `Product is used for ${use} for the subscriber(s): ${names.join(", ")}`,
      );
    }
  }

  protected override async onDelete(doc: Doc) {
    const names = await this.subscriberNames({
      $or: [{ products: doc._id }, { api_products: doc._id }],
    });
    if (names.length > 0) {
      throw new BadRequestError(`Product is used by the subscriber(s): ${names.join(", ")}`);
    }
  }

  private async subscriberNames(filter: Doc): Promise<string[]> {
    const subscribers = await this.ctx.documents.collection("subscribers").find(filter);
    return subscribers.map((subscriber) => String(subscriber.name));
  }
}
