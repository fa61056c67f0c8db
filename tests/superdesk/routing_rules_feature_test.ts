/** Superdesk's features/routing_rules.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { haveWith } from "./_ingest_steps.ts";

/** The filter condition and content filter most scenarios start with. */
async function sportsFilter(s: Scenario) {
  await haveWith(
    s,
    "/filter_conditions",
    "FCOND_ID",
    `[{"name": "Sports Content", "field": "subject", "operator": "in", "value": "04000000"}]`,
  );
  await haveWith(
    s,
    "/content_filters",
    "FILTER_ID",
    `[{"name": "Sports Content", "content_filter": [{"expression": {"fc": ["#FCOND_ID#"]}}]}]`,
  );
}

/** Two conditions and two filters (sports and non-sports). */
async function twoFilters(s: Scenario) {
  await haveWith(
    s,
    "/filter_conditions",
    "FCOND_1_ID",
    `[{"name": "Sports Content", "field": "subject", "operator": "in", "value": "04000000"}]`,
  );
  await haveWith(
    s,
    "/filter_conditions",
    "FCOND_2_ID",
    `[{"name": "Non-Sports Content", "field": "subject", "operator": "nin", "value": "04000000"}]`,
  );
  await haveWith(
    s,
    "/content_filters",
    "FILTER_1_ID",
    `[{"name": "Sports Content", "content_filter": [{"expression": {"fc": ["#FCOND_1_ID#"]}}]}]`,
  );
  await haveWith(
    s,
    "/content_filters",
    "FILTER_2_ID",
    `[{"name": "Non-Sports Content", "content_filter": [{"expression": {"fc": ["#FCOND_2_ID#"]}}]}]`,
  );
}

const scheme = (name: string, rules: string) => `[{"name": "${name}", "rules": ${rules}}]`;
const FETCH = `{"fetch": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}]}`;
const sportsRule = (extra = "") =>
  `{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_ID#", "actions": ${FETCH}${extra}}`;

feature("routing_rules", (f) => {
  f.scenario("List empty routing schemes", ["auth"], async (s) => {
    await s.givenEmpty("routing_schemes");
    await s.get("/routing_schemes");
    s.list(0);
  });

  f.scenario("Create a valid Routing Scheme", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.givenEmpty("subscribers");
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"News1","media_type":"media", "subscriber_type": "digital",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "destinations":[{"name":"destination1","format": "nitf", "delivery_type":"FTP",
          "config":{"ip":"144.122.244.55","password":"xyz"}}]}`,
    );
    await sportsFilter(s);
    await s.post("/desks", `{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}`);
    const fetchRule =
      `{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_ID#",
      "actions": {"fetch": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
        "macro": "transform"}]}}`;
    await s.post("/routing_schemes", scheme("routing rule scheme 1", `[${fetchRule}]`));
    s.code(201);
    await s.get("/routing_schemes");
    s.existingResource(`{"_items": [{"name": "routing rule scheme 1", "rules": [${fetchRule}]}]}`);
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 2",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_ID#",
          "actions": {"publish": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
            "macro": "transform", "target_subscribers": [{"_id": "#subscribers._id#"}]}]}}]`,
      ),
    );
    s.code(201);
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 3",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_ID#",
          "actions": {"publish": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
            "target_types": [{"allow": true, "qcode": "wire", "name": "Wire/Paper"}]}]}}]`,
      ),
    );
    s.code(201);
  });

  f.scenario("A Routing Scheme must have a unique name", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await sportsFilter(s);
    await s.post("/desks", `{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}`);
    await s.post("/routing_schemes", scheme("routing rule scheme 1", `[${sportsRule()}]`));
    s.code(201);
    await s.post("/routing_schemes", scheme("ROUTING rule scheme 1", `[${sportsRule()}]`));
    s.code(400);
  });

  f.scenario("Create an invalid Routing Scheme with no rules", ["auth"], async (s) => {
    await s.givenEmpty("routing_schemes");
    await s.post("/routing_schemes", scheme("routing rule scheme 1", "[]"));
    s.code(400);
  });

  f.scenario(
    "Create an invalid Routing Scheme with rules having same name",
    ["auth"],
    async (s) => {
      await s.givenEmpty("desks");
      await twoFilters(s);
      await s.post("/desks", `{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}`);
      await s.post(
        "/routing_schemes",
        scheme(
          "routing rule scheme 1",
          `[{"name": "Content Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_1_ID#", "actions": ${FETCH}},
          {"name": "Content Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_2_ID#", "actions": ${FETCH}}]`,
        ),
      );
      s.code(400);
    },
  );

  f.scenario("Create a valid Routing Scheme with an empty filter", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.post("/desks", `{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}`);
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 1",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": null, "actions": ${FETCH}}]`,
      ),
    );
    s.code(201);
  });

  f.scenario("Create an invalid Routing Scheme with a empty actions", ["auth"], async (s) => {
    await sportsFilter(s);
    await s.givenEmpty("routing_schemes");
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 1",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_ID#", "actions": {}}]`,
      ),
    );
    s.code(400);
  });

  f.scenario("Create an invalid Routing Scheme with an invalid schedule", ["auth"], async (s) => {
    await s.givenEmpty("routing_schemes");
    await s.givenEmpty("desks");
    await sportsFilter(s);
    await s.post("/desks", `{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}`);
    s.code(201);
    const withSchedule = (name: string, schedule: string) =>
      scheme(name, `[${sportsRule(`, "schedule": ${schedule}`)}]`);
    for (
      const schedule of [
        `{"day_of_week": ["ddd", "TUE"]}`,
        `{"day_of_week": ["FRI", "TUE"], "hour_of_day_from": "ddd", "hour_of_day_to": "00:40:00"}`,
        `{"day_of_week": ["FRI", "TUE"], "hour_of_day_from": "", "hour_of_day_to": "00:40:00"}`,
        `{"day_of_week": ["FRI", "TUE"], "hour_of_day_from": "06:00:00", "hour_of_day_to": "04:00:00"}`,
        `{"day_of_week": ["FRI", "TUE"], "hour_of_day_from": "04:00:00", "hour_of_day_to": "06:00:00", "time_zone": "Timezone/Invalid"}`,
      ]
    ) {
      await s.post("/routing_schemes", withSchedule("routing rule scheme 1", schedule));
      s.code(400);
    }
    await s.post(
      "/routing_schemes",
      withSchedule(
        "routing rule scheme 1",
        `{"day_of_week": ["FRI", "TUE"], "hour_of_day_from": "04:00:00", "hour_of_day_to": "", "time_zone": "Europe/Rome"}`,
      ),
    );
    s.code(201);
    await s.post(
      "/routing_schemes",
      withSchedule(
        "routing rule scheme 2",
        `{"day_of_week": ["FRI", "TUE"], "hour_of_day_from": null, "hour_of_day_to": null, "time_zone": "Europe/Rome"}`,
      ),
    );
    s.code(201);
  });

  f.scenario(
    'A user with no privilege to "routing schemes" can\'t create a Routing Scheme',
    ["auth"],
    async (s) => {
      await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
      await s.post(
        "/routing_schemes",
        scheme(
          "routing rule scheme 1",
          `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": null,
             "actions": {"fetch": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}]}, "schedule": {}}]`,
        ),
      );
      s.code(403);
    },
  );

  f.scenario("Update Routing Scheme", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await twoFilters(s);
    await s.post("/desks", `{"name": "Sports"}`);
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 1",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_1_ID#", "actions": ${FETCH}}]`,
      ),
    );
    s.code(201);
    await s.patch(
      "/routing_schemes/#routing_schemes._id#",
      `{"rules": [
        {"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_1_ID#",
         "actions": {"fetch": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "macro": "transform"}]}},
        {"name": "Non-Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_2_ID#", "actions": ${FETCH}}
      ]}`,
    );
    s.code(200);
  });

  f.scenario("Delete a Routing Scheme", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await sportsFilter(s);
    await s.post("/desks", `{"name": "Sports"}`);
    await s.post("/routing_schemes", scheme("routing rule scheme 1", `[${sportsRule()}]`));
    s.code(201);
    await s.delete("/routing_schemes/#routing_schemes._id#");
    s.code(204);
  });

  f.scenario("Delete routing scheme when in use", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.post("/desks", `{"name": "Sports"}`);
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 1",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": null, "actions": ${FETCH}}]`,
      ),
    );
    await s.post(
      "ingest_providers",
      `[{"name": "test", "source": "reuters", "feeding_service": "reuters_http",
        "feed_parser": "newsml2", "routing_scheme": "#routing_schemes._id#"}]`,
    );
    s.code(201);
    await s.delete("/routing_schemes/#routing_schemes._id#");
    s.code(403);
  });

  f.scenario("Cannot delete desk when routing schemes are associated", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.post("/desks", `{"name": "Sports"}`);
    await s.post(
      "/routing_schemes",
      scheme(
        "routing rule scheme 1",
        `[{"name": "Sports Rule", "handler": "desk_fetch_publish", "filter": null, "actions": ${FETCH}}]`,
      ),
    );
    await s.delete("/desks/#desks._id#");
    s.code(
      412,
      `{"_message": "Cannot delete desk as routing scheme(s) are associated with the desk"}`,
    );
  });
});
