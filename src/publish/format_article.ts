/**
 * An archive item formatted on request (Superdesk's `FormattersService.create`, `POST
 * /api/formatters {article_id, formatter_name}`): the item must pass its publish validation, then
 * the named formatter formats it as for subscriber `0` (no codes, sequence 0), limited to its
 * profile's fields and with the `rightsinfo` copyright (and, for Newsroom NINJS, the products
 * that take it) as when it is published. Every refusal is a
 * 400: a field missing or not a string fails the resource's schema (Eve's `_issues`), the rest
 * carry Superdesk's message.
 */
import { BadRequestError, type Issues, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { applySchema, profileSchemas } from "./apply_schema.ts";
import { FORMATTERS } from "./formatters/formatters.ts";
import { rightsInfo } from "./formatters/rights_info.ts";
import { routingContext } from "./enqueue_copy.ts";
import { productsTaking } from "./item_products.ts";
import type { ItemValidator } from "./item_validator.ts";

/** The formatted text of `body.article_id` by the formatter named `body.formatter_name`. */
export async function formatArticle(
  context: { archive: ArchiveService; validator: ItemValidator },
  body: Doc,
  actor: Actor,
): Promise<string> {
  // Superdesk's resource schema: both required strings (checked before its service runs).
  const issues: Issues = {};
  for (const field of ["article_id", "formatter_name"]) {
    if (body[field] === undefined) issues[field] = "required field";
    else if (body[field] === null) issues[field] = "null value not allowed";
    else if (typeof body[field] !== "string") issues[field] = "must be of string type";
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  if (body.formatter_name === "") {
    throw new BadRequestError("Formatter name not found");
  }
  const formatter = FORMATTERS.find((candidate) => candidate.name === body.formatter_name);
  if (!formatter) throw new BadRequestError("Formatter not found");
  const article = await context.archive.findOne({ _id: body.article_id }, actor);
  if (!article) throw new BadRequestError("Article not found!");
  const result = await context.validator.validate({
    act: "publish",
    type: String(article.type ?? "text"),
    item: article,
  });
  if (result && result.errors.length > 0) {
    throw new BadRequestError(`Error in formatting article: ${result.errors.join("; ")}`);
  }
  if (!formatter.canFormat(article)) {
    throw new BadRequestError(
      `Error in formatting article: ${formatter.name} does not format ${article.type} items`,
    );
  }
  const registry = context.archive.registry;
  const [schemas, rights, products] = await Promise.all([
    profileSchemas(registry, [article]),
    rightsInfo(registry),
    formatter.namesProducts ? routingContext(registry) : undefined,
  ]);
  try {
    return formatter.format(applySchema(article, schemas.get(String(article.profile))), {
      subscriber: { _id: "0" },
      destination: {},
      sequence: 0,
      codes: [],
      rights,
      products: products && productsTaking(article, products),
    }).text;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestError(`Error in formatting article: ${reason}`);
  }
}
