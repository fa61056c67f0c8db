/**
 * Content filters' routes outside the generated ones: `POST /api/content_filters/test` (a
 * filter tried on an item or on the archive), `GET /api/filter_conditions/parameters` (the
 * fields, operators and values a condition may use) and `GET /api/subscribers` with
 * `filter_condition` (who uses conditions like it; without it the generated list answers).
 */
import { ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { caller } from "../http/action_request.ts";
import { readJsonBody } from "../http/resources/read_body.ts";
import { itemBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import { createRouter } from "../app_api.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { type FilterTest, testContentFilter } from "./content_filter_test.ts";
import { filterConditionParameters } from "./filter_condition_parameters.ts";
import { conditionUsage, parseConditionQuery } from "./filter_condition_usage.ts";
import { CONTENT_FILTERS_PRIVILEGE } from "./privileges.ts";

/** What the routes read. */
export interface ContentFilterRouteDeps {
  registry: ResourceRegistry;
  documents: DocumentStore;
}

/** Builds the router (mounted before the generated routes). */
export function contentFilterRoutes(deps: ContentFilterRouteDeps): ApiApp {
  const routes = createRouter();

  routes.post("/content_filters/test", async (c) => {
    const actor = caller(c, CONTENT_FILTERS_PRIVILEGE);
    const body = await readJsonBody(c.req.raw);
    const tests = (Array.isArray(body) ? body : [body]).map(checkedTest);
    const archive = deps.registry.service("archive").definition;
    const answered: Doc[] = [];
    for (const test of tests) {
      const results = await testContentFilter(deps, test, actor);
      answered.push({
        ...test,
        match_results: typeof results === "boolean"
          ? results
          : results.map((item) => itemBody(archive, item)),
        _status: "OK",
      });
    }
    // Eve answers a list of one as that document.
    return wireJson(answered.length === 1 ? answered[0] : { _status: "OK", _items: answered }, 201);
  });

  routes.get("/filter_conditions/parameters", async (c) => {
    caller(c);
    const items = await filterConditionParameters(deps.documents);
    return wireJson({ _items: items, _meta: { total: items.length } });
  });

  routes.get("/subscribers", async (c, next) => {
    const text = c.req.query("filter_condition");
    if (text === undefined) return await next();
    caller(c);
    const usage = await conditionUsage(deps.documents, parseConditionQuery(text));
    const subscribers = deps.registry.service("subscribers");
    const item = {
      ...usage,
      selected_subscribers: usage.selected_subscribers.map((s) => subscribers.toPublic(s)),
    };
    return wireJson({ _items: [item], _meta: { total: 1 } });
  });

  return routes;
}

/** A test as posted: every field of its type (Superdesk's resource schema). */
function checkedTest(input: unknown): FilterTest {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError({ _: "each test must be an object" });
  }
  const test = input as Doc;
  const issues: Record<string, string> = {};
  for (const field of ["filter_id", "article_id"]) {
    if (test[field] !== undefined && typeof test[field] !== "string") {
      issues[field] = "must be of string type";
    }
  }
  if (test.return_matching !== undefined && typeof test.return_matching !== "boolean") {
    issues.return_matching = "must be of boolean type";
  }
  const filter = test.filter;
  if (
    filter !== undefined &&
    (filter === null || typeof filter !== "object" || Array.isArray(filter))
  ) {
    issues.filter = "must be of dict type";
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  return {
    filter_id: test.filter_id as string | undefined,
    article_id: test.article_id as string | undefined,
    return_matching: test.return_matching as boolean | undefined,
    filter: filter as Doc | undefined,
  };
}
