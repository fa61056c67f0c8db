/**
 * Routing schemes (Superdesk's `RoutingRuleSchemeService`): a scheme needs at least one rule;
 * each rule a name (unique in the scheme), known fields, an action, a valid schedule; names are
 * unique ignoring case; a scheme a provider uses cannot be deleted (403).
 */
import { BadRequestError, ForbiddenError } from "../../errors.ts";
import { ResourceService } from "../../resources/resource_service.ts";
import type { Doc } from "../../storage/document_store.ts";
import { assertUniqueName } from "../../newsroom/unique_name.ts";
import { checkSchedule, normaliseSchedule } from "./rule_schedule.ts";
import { ruleHandler } from "./rule_handlers.ts";

const RULE_FIELDS = new Set(["name", "handler", "filter", "actions", "schedule"]);

export class RoutingSchemesService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      checkRules(doc);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    if ("rules" in updates) checkRules(updates);
  }

  protected override async onDelete(doc: Doc) {
    const provider = await this.ctx.registry.service("ingest_providers")
      .findOne({ routing_scheme: doc._id });
    if (provider) {
      throw new ForbiddenError("Routing scheme is applied to channel(s). It cannot be deleted.");
    }
  }
}

/** Superdesk's checks of a scheme's rules (in place: empty schedules become null). */
function checkRules(scheme: Doc) {
  const rules = Array.isArray(scheme.rules) ? scheme.rules as Doc[] : [];
  if (rules.length === 0) throw new BadRequestError("A Routing Scheme must have at least one Rule");
  for (const rule of rules) {
    const unknown = Object.keys(rule).filter((field) => !RULE_FIELDS.has(field));
    if (unknown.length) {
      throw new BadRequestError(`A routing rule has invalid fields ${JSON.stringify(unknown)}`);
    }
    normaliseSchedule(rule);
    rule.handler ??= "desk_fetch_publish";
    if (!ruleHandler(String(rule.handler))) {
      throw new BadRequestError(`Unknown routing rule handler "${rule.handler}"`);
    }
    const actions = rule.actions as Doc | null | undefined;
    if (rule.name === undefined || rule.name === null) {
      throw new BadRequestError("A routing rule must have a name");
    }
    if (
      !actions || Object.keys(actions).length === 0 ||
      (actions.fetch == null && actions.publish == null && actions.exit == null)
    ) {
      throw new BadRequestError("A routing rule must have actions");
    }
    checkSchedule(rule.schedule as Doc | null | undefined);
  }
  const names = rules.map((rule) => rule.name);
  if (new Set(names).size !== names.length) {
    throw new BadRequestError("Rule Names must be unique within a scheme");
  }
}
