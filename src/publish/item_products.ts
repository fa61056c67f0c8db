/**
 * The products an item matches (Superdesk's `ProductTestService.test_products` as the newsroom
 * formatter reads it): every product whose geo restriction and content filter take the item, as
 * `{code, name}` with the product's id as code.
 */
import type { Doc } from "../storage/document_store.ts";
import { productTakes, type RoutingContext } from "./subscriber_routing.ts";

/** The products of `context` that take `item`, in the order they were read. */
export function productsTaking(item: Doc, context: RoutingContext): Doc[] {
  return [...context.products.values()]
    .filter((product) => productTakes(product, item, context.filters))
    .map((product) => ({ code: product._id, name: product.name ?? "" }));
}
