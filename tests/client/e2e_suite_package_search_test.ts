/**
 * What superdesk-client-core's Protractor suite found wrong in global search
 * (`specs/search_spec.ts` "can search by search field"): typing `item3` found the two items named
 * so but not the package holding item3, because a package's `groups` were not searched.
 * Superdesk's item mapping gives `groups.refs.headline` and `.slugline` full text
 * (`superdesk/metadata/item.py`), so the unfielded `query_string` the client sends
 * (SearchService.ts `query_string: {query, lenient: true, default_operator: "AND"}`) finds a
 * package by the headlines of what it holds. Replayed on the embedded default and the real
 * engines (Elasticsearch's `index.query.default_field`).
 */
import assert from "node:assert/strict";
import { items, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest(
  "a package is found by the headline of an item it holds",
  async (_t, { session, desk }) => {
    const { auth, post, url } = session;
    const task = { desk: desk._id, stage: desk.working_stage };
    const item = await post("archive", {
      type: "text",
      headline: "item3",
      slugline: "item3",
      task,
    });
    const pkg = await post("archive", {
      type: "composite",
      headline: "package1",
      slugline: "package1",
      task,
      groups: [
        { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
        {
          id: "main",
          role: "grpRole:main",
          refs: [{
            residRef: item._id,
            guid: item._id,
            headline: "item3",
            slugline: "item3",
            location: "archive",
            itemClass: "icls:text",
            type: "text",
            renditions: {},
          }],
        },
      ],
    });
    const search = (query: string) => {
      const source = {
        query: {
          filtered: {
            query: { query_string: { query, lenient: true, default_operator: "AND" } },
          },
        },
        sort: [{ versioncreated: "desc" }],
        size: 50,
      };
      const params = new URLSearchParams({
        source: JSON.stringify(source),
        repo: "archive,published,archived",
      });
      return send(`${url("search")}?${params}`, { auth });
    };
    const found = items(await search("item3"), "search item3").map((doc: { _id: string }) =>
      doc._id
    ).sort();
    assert.deepEqual(found, [item._id, pkg._id].sort());
    // The package's own words still find it alone.
    const own = items(await search("package1"), "search package1");
    assert.deepEqual(own.map((doc: { _id: string }) => doc._id), [pkg._id]);
  },
);
