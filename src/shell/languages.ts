/**
 * `GET /api/languages` (Superdesk's `apps/languages`): the languages the newsroom works in, as
 * the web client's translation menu and desk settings read them: `{_id, language, label,
 * source, destination}`. They come from the `languages` vocabulary when one holds active items
 * (as Superdesk reads them), else from the `LANGUAGES` setting. Read-only.
 */
import { Type } from "@sinclair/typebox";
import { languageLabel } from "../config/locale_settings.ts";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { Doc } from "../storage/document_store.ts";

/** The `languages` definition. */
export const languagesResource = defineResource({
  name: "languages",
  schema: Type.Object({
    language: Type.String(),
    label: Type.String(),
    source: Type.Optional(Type.Boolean()),
    destination: Type.Optional(Type.Boolean()),
  }),
  itemUrl: "[A-Za-z0-9_-]+",
  itemMethods: ["GET"],
});

/** Serves the languages from the vocabulary or the configuration. */
export class LanguagesService extends ComputedListService {
  /** Every language, in the vocabulary's or the setting's order. */
  protected override async items(): Promise<Doc[]> {
    const fromVocabulary = await this.vocabularyLanguages();
    const entries = fromVocabulary.length > 0
      ? fromVocabulary
      : this.ctx.config.languages.map((setting) => ({
        language: setting.language,
        label: languageLabel(setting),
      }));
    return entries.map(({ language, label }) => ({
      _id: language,
      language,
      label,
      source: true,
      destination: true,
    }));
  }

  private async vocabularyLanguages(): Promise<Array<{ language: string; label: string }>> {
    if (!this.ctx.registry.has("vocabularies")) return [];
    const vocabulary = await this.ctx.registry.service("vocabularies").findOne({
      _id: "languages",
    });
    const items = Array.isArray(vocabulary?.items) ? vocabulary.items as Doc[] : [];
    return items
      .filter((item) => item.is_active !== false && typeof item.qcode === "string")
      .map((item) => ({
        language: String(item.qcode),
        label: typeof item.name === "string" ? item.name : String(item.qcode),
      }));
  }
}
