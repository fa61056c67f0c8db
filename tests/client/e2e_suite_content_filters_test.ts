/**
 * superdesk-client-core's Protractor spec content_filters, replayed as the client sends it, on
 * the embedded default and on the real engines (client paths at superdesk-client-core
 * 997d498a4): the filter condition editor fills its field, operator and value lists from
 * `api.query('filter_conditions/parameters')`
 * (scripts/apps/content-filters/services/ContentFiltersService.ts:16-19); the client's `urls`
 * finds that URL by the title `GET /api` lists it under
 * (scripts/core/api/url-resolver-service.ts:15-23), else it never sends the request. Superdesk's
 * `FilterConditionParametersResource` sets no `resource_title`, so Eve titles it by its URL.
 */
import assert from "node:assert/strict";
import { items, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest(
  "filter condition editor: the parameters by their title",
  async (t, { session: { auth, links, url } }) => {
    await t.step("GET /api titles it filter_conditions/parameters", () => {
      assert.equal(links.get("filter_conditions/parameters"), "filter_conditions/parameters");
    });

    await t.step("the parameters offer Desk with eq and the desks as values", async () => {
      const parameters = items(
        await send(url("filter_conditions/parameters"), { auth }),
        "parameters",
      );
      const desk = parameters.find((parameter) => parameter.field === "desk");
      assert.ok(desk?.operators.includes("eq"), JSON.stringify(desk));
      assert.ok(desk.values.some((value: { name: string }) => value.name === "Sports"));
    });
  },
);
