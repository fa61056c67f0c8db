/**
 * Content filters and filter conditions (Superdesk's `ContentFilterService` and
 * `FilterConditionService`): names are unique; a filter condition identical to another one
 * (same field, operator and value, list values in any order) is refused; nothing referenced (a
 * condition by a filter, a filter by a product or another filter) can be deleted; a filter may
 * not reference itself, directly or through others. `FilterSet` loads them all for matching.
 */
import { BadRequestError, ValidationError } from "../errors.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { assertUniqueName } from "../newsroom/unique_name.ts";
import type { FilterSet } from "./content_filter_match.ts";
import { allowedFields, fieldOperators } from "./filter_condition_parameters.ts";

/**
 * Filter conditions: `field` names a field of the time (else a 400 `unallowed value`, as Eve's
 * `allowed` rule) whose operators include `operator` (Superdesk's `_check_parameters`).
 */
export class FilterConditionsService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) await this.assertAllowedField(doc);
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      await this.assertNotIdentical(doc);
      await this.assertOperator(doc);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("field" in updates) await this.assertAllowedField(updates);
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    await this.assertNotIdentical({ ...original, ...updates });
    await this.assertOperator({ ...original, ...updates });
  }

  private async assertAllowedField(doc: Doc) {
    if (!(await allowedFields(this.ctx.documents)).has(String(doc.field))) {
      throw new ValidationError({ field: `unallowed value ${doc.field}` });
    }
  }

  private async assertOperator(doc: Doc) {
    const operators = (await fieldOperators(this.ctx.documents)).get(String(doc.field));
    if (!operators) {
      throw new BadRequestError(
        `Filter condition:${doc.name} has unidentified field: ${doc.field}`,
      );
    }
    if (!operators.includes(String(doc.operator))) {
      throw new BadRequestError(
        `Filter condition:${doc.name} has unidentified operator: ${doc.operator}`,
      );
    }
  }

  protected override async onDelete(doc: Doc) {
    const users = await this.ctx.documents.collection("content_filters").find({
      "content_filter.expression.fc": doc._id,
    });
    if (users.length > 0) {
      throw new BadRequestError(
        `Filter condition has been referenced in content filter: ${
          users.map((u) => u.name).join(",")
        }`,
      );
    }
  }

  private async assertNotIdentical(doc: Doc) {
    const same = await this.collection.find({ field: doc.field, operator: doc.operator });
    for (const other of same) {
      if (other._id === doc._id) continue;
      if (comparable(String(other.value)) === comparable(String(doc.value))) {
        throw new BadRequestError(`Filter condition:${other.name} has identical settings`);
      }
    }
  }
}

/** A condition value compared without case, list values in any order. */
function comparable(value: string): string {
  const upper = value.toUpperCase();
  return value.includes(",") ? [...upper].sort().join("") : upper;
}

/** Content filters. */
export class ContentFiltersService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      doc.is_global ??= false;
      doc.is_archived_filter ??= false;
      doc.api_block ??= false;
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    await this.assertNoCycle({ ...original, ...updates }, String(original._id));
  }

  protected override async onDelete(doc: Doc) {
    const id = doc._id;
    const products = await this.ctx.documents.collection("products").find({
      "content_filter.filter_id": id,
    });
    if (products.length > 0) {
      const subscribers = await this.ctx.documents.collection("subscribers").find({
        $or: [
          { products: { $in: products.map((p) => p._id) } },
          { api_products: { $in: products.map((p) => p._id) } },
        ],
      });
      if (subscribers.length > 0) {
        throw new BadRequestError(
          `Content filter has been referenced by subscriber(s) ${
            subscribers.map((s) => s.name).join(",")
          }`,
        );
      }
    }
    const schemes = await this.ctx.documents.collection("routing_schemes").find({
      "rules.filter": id,
    });
    if (schemes.length > 0) {
      throw new BadRequestError(
        `Content filter has been referenced by routing scheme(s) ${
          schemes.map((scheme) => scheme.name).join(",")
        }`,
      );
    }
    const filters = await this.collection.find({ "content_filter.expression.pf": id });
    if (filters.length > 0) {
      throw new BadRequestError(
        `Content filter has been referenced in ${filters.map((f) => f.name).join(",")})`,
      );
    }
  }

  /** Loads every content filter and filter condition, and the vocabularies' field types. */
  async filterSet(): Promise<FilterSet> {
    const [filters, conditions, vocabularies] = await Promise.all([
      this.collection.find({}),
      this.ctx.documents.collection("filter_conditions").find({}),
      this.ctx.documents.collection("vocabularies").find({ _deleted: { $ne: true } }, {
        projection: { field_type: 1 },
      }),
    ]);
    return {
      contentFilters: new Map(filters.map((filter) => [String(filter._id), filter])),
      conditions: new Map(conditions.map((condition) => [String(condition._id), condition])),
      fieldTypes: new Map(vocabularies.map((v) => [String(v._id), String(v.field_type ?? "")])),
    };
  }

  private async assertNoCycle(filter: Doc, rootId: string, seen = new Set<string>()) {
    for (const statement of (filter.content_filter as Doc[] | undefined) ?? []) {
      for (const ref of ((statement.expression as Doc | undefined)?.pf as string[]) ?? []) {
        const referenced = await this.collection.findOne({ _id: ref });
        if (ref === rootId) {
          throw new BadRequestError(
            `Circular dependency error in content filters:${referenced?.name ?? ref}`,
          );
        }
        if (!referenced || seen.has(ref)) continue;
        seen.add(ref);
        await this.assertNoCycle(referenced, rootId, seen);
      }
    }
  }
}
