/**
 * Ingest providers (Superdesk's `IngestProviderService`): names unique ignoring case, the
 * feeding service and parser checked against the registries, `content_expiry` 0 meaning the
 * configured default and a negative one never, `last_opened`/`last_closed` stamped when a user
 * opens or closes a provider, the configuration tested on save unless `skip_config_test` (a 400
 * saying what failed), `ingest_provider:create|update|delete` pushed, the changes recorded in the
 * activity log and mailed to the administrators, and a provider that has
 * received items kept from deletion. Credentials (`config.password`) never leave the server: they
 * are removed from every answer, and a write without them keeps the stored ones.
 */
import { BadRequestError, ForbiddenError, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { coerceDates, documentValidator } from "../resources/schema/validate_document.ts";
import { dropSequence } from "../resources/sequences.ts";
import type { Doc } from "../storage/document_store.ts";
import { ITEM_TYPES } from "../newsroom/archive_resource.ts";
import { assertUniqueName } from "../newsroom/unique_name.ts";
import { configOf } from "./feeding/feeding_service.ts";
import { FEEDING_SERVICES, feedingService } from "./feeding/feeding_services.ts";
import { IngestError } from "./ingest_error.ts";
import { FEED_PARSERS, feedParser } from "./parsers/parser_registry.ts";
import {
  announceProviderChange,
  lifecycleNotice,
  type ProviderNotice,
  updateNotices,
} from "./provider_activity.ts";
import type { SendMail } from "../mail/mail_sender.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";

/** Config keys that hold secrets. */
const SECRET_CONFIG_KEYS = ["password"];
const DEFAULT_NOTIFICATIONS = { on_update: true, on_close: true, on_open: true, on_error: true };

export class IngestProvidersService extends ResourceService {
  readonly #mail: SendMail;

  /** `mail` sends the administrators the changes (`provider_activity.ts`). */
  constructor(definition: ResourceDefinition, ctx: ServiceContext, mail: SendMail) {
    super(definition, ctx);
    this.#mail = mail;
  }

  /** A provider's sequence key (Superdesk's `ingest_providers_<id>`). */
  static sequenceKey(providerId: string): string {
    return `ingest_providers_${providerId}`;
  }

  /**
   * Writes poll bookkeeping (Superdesk's `etag_ignore_fields`): the fields and `_updated`
   * change, the etag does not, so a client editing the provider is not refused with a 412
   * because a poll ran meanwhile. Nulls unset.
   */
  async writeStatus(id: string, fields: Doc): Promise<void> {
    const current = await this.collection.findOne({ _id: id });
    if (!current) return;
    const set: Doc = { ...fields, _updated: nextUpdated(current._updated) };
    coerceDates(set, documentValidator(this.definition.schema).datePaths);
    await this.collection.updateOne({ _id: id }, { $set: set });
  }

  override toPublic(doc: Doc): Doc {
    const copy = super.toPublic(doc);
    if (!copy.config || typeof copy.config !== "object") return copy;
    const config = { ...copy.config as Doc };
    for (const key of SECRET_CONFIG_KEYS) delete config[key];
    return { ...copy, config };
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      this.#checkRegistries(doc);
      doc.content_expiry = this.#expiry(doc.content_expiry);
      doc.content_types ??= [...ITEM_TYPES];
      doc.allow_remove_ingested ??= false;
      doc.disable_item_updates ??= false;
      doc.is_closed ??= false;
      doc.notifications = { ...DEFAULT_NOTIFICATIONS, ...(doc.notifications as Doc ?? {}) };
      doc.update_schedule ??= { minutes: 5 };
      stampStatus(doc, actor, { closed: doc.is_closed === true });
      await this.#testConfig(doc);
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      await this.#announce(lifecycleNotice(doc, "Created"), actor);
      await this.ctx.notify("ingest_provider:create", { provider_id: String(doc._id) });
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if (actor.kind !== "user") return;
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    if ("content_expiry" in updates) updates.content_expiry = this.#expiry(updates.content_expiry);
    if ("config" in updates) updates.config = keepSecrets(updates.config, original.config);
    const merged = { ...original, ...updates };
    if ("feeding_service" in updates || "feed_parser" in updates) this.#checkRegistries(merged);
    if ("is_closed" in updates && updates.is_closed !== (original.is_closed ?? false)) {
      stampStatus(updates, actor, { closed: updates.is_closed === true });
    }
    if ("config" in updates || "feeding_service" in updates || "feed_parser" in updates) {
      await this.#testConfig(merged);
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc, actor: Actor) {
    if (actor.kind !== "user") return;
    for (const notice of updateNotices(updates, original)) await this.#announce(notice, actor);
    await this.ctx.notify("ingest_provider:update", { provider_id: String(original._id) });
  }

  protected override onDelete(doc: Doc) {
    if (doc.last_item_update) {
      throw new ForbiddenError("Deleting an Ingest Source after receiving items is prohibited.");
    }
  }

  protected override async onDeleted(doc: Doc, actor: Actor) {
    await this.#announce(lifecycleNotice(doc, "Deleted"), actor);
    await dropSequence(this.ctx.documents, IngestProvidersService.sequenceKey(String(doc._id)));
    await this.ctx.notify("ingest_provider:delete", { provider_id: String(doc._id) });
  }

  #announce(notice: ProviderNotice, actor: Actor) {
    return announceProviderChange(this.ctx, this.#mail, { notice, actor });
  }

  /** Minutes: 0 (or absent) is the configured default, negative is never (null). */
  #expiry(value: unknown): number | null {
    const minutes = typeof value === "number" ? value : 0;
    if (minutes === 0) return this.ctx.config.ingestExpiryMinutes;
    return minutes < 0 ? null : minutes;
  }

  /** 422 for an unknown feeding service or parser, 400 for a parser the service refuses. */
  #checkRegistries(doc: Doc) {
    const service = feedingService(doc.feeding_service);
    if (!service) {
      throw new ValidationError({
        feeding_service: `unallowed value ${JSON.stringify(doc.feeding_service)}; one of ${
          [...FEEDING_SERVICES.keys()].join(", ")
        }`,
      });
    }
    const parser = doc.feed_parser;
    if (parser === undefined || parser === null) return;
    if (!feedParser(String(parser))) {
      throw new ValidationError({
        feed_parser: `unallowed value ${JSON.stringify(parser)}; one of ${
          [...FEED_PARSERS.keys()].join(", ")
        }`,
      });
    }
    if (service.parsers && !service.parsers.includes(String(parser))) {
      const error = new IngestError(2002, `${service.name} does not take the ${parser} parser`);
      throw new BadRequestError(error.message, { issues: { feed_parser: String(parser) } });
    }
  }

  /** Superdesk's `_test_config`: an open provider's configuration must work (else 400). */
  async #testConfig(doc: Doc) {
    if (doc.skip_config_test === true || doc.is_closed === true) return;
    const service = feedingService(doc.feeding_service);
    if (!service) return;
    const parser = feedParser(
      typeof doc.feed_parser === "string" ? doc.feed_parser : service.defaultParser,
    );
    try {
      await service.test({ ...doc, config: configOf(doc) }, parser);
    } catch (error) {
      const code = error instanceof IngestError ? error.code : 2001;
      throw new BadRequestError(
        `The ingest provider configuration does not work: ${(error as Error).message}`,
        { issues: { config: { code, message: (error as Error).message } } },
      );
    }
  }
}

/** Stamps `last_closed` or `last_opened` with the time and the user (in place). */
function stampStatus(doc: Doc, actor: Actor, { closed }: { closed: boolean }) {
  const now = new Date();
  const by = actor.kind === "user" ? actor.userId ?? null : null;
  if (closed) {
    const last = (doc.last_closed as Doc | undefined) ?? {};
    doc.last_closed = { ...last, closed_at: now, closed_by: by, message: last.message ?? "" };
  } else doc.last_opened = { opened_at: now, opened_by: by };
}

/** The new config, with the stored secrets where the client sent none (it never saw them). */
function keepSecrets(config: unknown, stored: unknown): unknown {
  if (!config || typeof config !== "object" || !stored || typeof stored !== "object") return config;
  const merged = { ...config as Doc };
  for (const key of SECRET_CONFIG_KEYS) {
    if ((merged[key] === undefined || merged[key] === "") && (stored as Doc)[key] !== undefined) {
      merged[key] = (stored as Doc)[key];
    }
  }
  return merged;
}
