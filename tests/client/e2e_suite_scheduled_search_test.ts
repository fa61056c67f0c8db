/**
 * What superdesk-client-core's Protractor suite found wrong in global search
 * (`specs/search_spec.ts` "can search scheduled"): after scheduling item9, the "Date scheduled"
 * filter ("Last 24 Hours": SearchService.ts `post_filter: {and: [{range:
 * {"schedule_settings.utc_publish_schedule": {gte: "now-24H"}}}]}`) found nothing: the field was
 * not searched. Superdesk maps `schedule_settings` (`utc_publish_schedule`, `utc_embargo` dates,
 * `time_zone` exact; `superdesk/metadata/item.py`). Replayed on the embedded default and the real
 * engines.
 */
import assert from "node:assert/strict";
import { items, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest("the Date scheduled filter finds a scheduled item", async (_t, { session, desk }) => {
  const { auth, post, url, editAndSave } = session;
  const task = { desk: desk._id, stage: desk.working_stage };
  const item = await post("archive", { type: "text", headline: "item9", slugline: "item9", task });
  await post("archive", { type: "text", headline: "other", slugline: "other", task });
  const next = new Date().getUTCFullYear() + 1;
  await editAndSave(item._id, {
    publish_schedule: `${next}-09-09T04:00:00+0000`,
    schedule_settings: { time_zone: "Europe/London" },
  });
  const search = (range: Record<string, string>) => {
    const source = {
      query: { filtered: { filter: { and: [{ exists: { field: "headline" } }] } } },
      post_filter: { and: [{ range: { "schedule_settings.utc_publish_schedule": range } }] },
      sort: [{ versioncreated: "desc" }],
      size: 50,
    };
    const params = new URLSearchParams({ source: JSON.stringify(source), repo: "archive" });
    return send(`${url("search")}?${params}`, { auth });
  };
  const last24 = items(await search({ gte: "now-24H" }), "last 24 hours");
  assert.deepEqual(last24.map((doc: { _id: string }) => doc._id), [item._id]);
  const before = items(await search({ lte: "now" }), "scheduled before now");
  assert.deepEqual(before, []);
});
