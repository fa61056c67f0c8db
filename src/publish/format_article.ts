/**
 * An archive item formatted on request (Superdesk's `FormattersService.create`, `POST
 * /api/formatters {article_id, formatter_name}`): the item must pass its publish validation, then
 * the named formatter formats it as for subscriber `0` (no codes, sequence 0). Every refusal is a
 * 400 with Superdesk's message.
 */
import { BadRequestError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { FORMATTERS } from "./formatters/formatters.ts";
import type { ItemValidator } from "./item_validator.ts";

/** The formatted text of `body.article_id` by the formatter named `body.formatter_name`. */
export async function formatArticle(
  context: { archive: ArchiveService; validator: ItemValidator },
  body: Doc,
  actor: Actor,
): Promise<string> {
  if (typeof body.formatter_name !== "string" || body.formatter_name === "") {
    throw new BadRequestError("Formatter name not found");
  }
  const formatter = FORMATTERS.find((candidate) => candidate.name === body.formatter_name);
  if (!formatter) throw new BadRequestError("Formatter not found");
  const article = typeof body.article_id === "string"
    ? await context.archive.findOne({ _id: body.article_id }, actor)
    : null;
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
  try {
    return formatter.format(article, {
      subscriber: { _id: "0" },
      destination: {},
      sequence: 0,
      codes: [],
    }).text;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestError(`Error in formatting article: ${reason}`);
  }
}
