/**
 * `GET /api/client_config` (Superdesk's `apps/client_config.py`), public: the web client fetches
 * it before it starts (`scripts/index.ts`) and merges `config` into its own settings; a failure
 * is a blank page. The answer is `{_items: [], config}`: the keys Superdesk publishes, taken from
 * this server's configuration and behaviour (`default_timezone`, `default_language`, the
 * workflow switches this server implements), merged with what modules add (auth methods,
 * content expiry ...), which win over the base.
 */
import { Type } from "@sinclair/typebox";
import type { Config } from "../config/config.ts";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";

/** The `client_config` definition: public, read-only. */
export const clientConfigResource = defineResource({
  name: "client_config",
  schema: Type.Object({}),
  itemMethods: [],
  publicMethods: ["GET"],
});

/** The base `config`: Superdesk's keys with this server's values. */
export function baseClientConfig(config: Readonly<Config>): Record<string, unknown> {
  return {
    default_timezone: config.defaultTimezone,
    default_language: config.defaultLanguage,
    // Overrides of the content schema and editor per content type: none configured here.
    schema: {},
    editor: {},
    feedback_url: null,
    override_ednote_for_corrections: true,
    override_ednote_template: null,
    default_genre: [{ qcode: "Article", name: "Article (news)" }],
    japanese_characters_per_minute: 600,
    validator_media_metadata: config.mediaMetadataValidator,
    publish_content_expiry_minutes: config.publishedContentExpiryMinutes,
    high_priority_queue_enabled: false,
    workflow_allow_multiple_updates: config.updates.allowMultiple,
    // Duplicates to other desks are not implemented: off.
    workflow_allow_duplicate_non_members: false,
    workflow_allow_copy_to_personal: config.allowCopyToPersonal,
    allow_updating_scheduled_items: false,
    corrections_workflow: config.correctionsWorkflow,
    disallowed_characters: [],
    start_of_week: 0,
    archive_autocomplete: false,
  };
}

/** Serves `{_items: [], config}`. */
export class ClientConfigService extends ComputedListService {
  #additions: () => Record<string, unknown>;

  constructor(ctx: ServiceContext, additions: () => Record<string, unknown>) {
    super(clientConfigResource, ctx);
    this.#additions = additions;
  }

  protected override items(): Doc[] {
    return [];
  }

  override listExtras(): Doc {
    return { config: { ...baseClientConfig(this.ctx.config), ...this.#additions() } };
  }
}
