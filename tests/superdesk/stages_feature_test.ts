/** Superdesk's features/stages.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

/** The feature's Background. */
async function background(s: Scenario) {
  await s.givenEmpty("stages");
  await s.given("desks", `[{"name": "test_desk"}]`);
}

const SHOW_MINE =
  `{"name": "show my content", "description": "Show content items created by the current logged user", "desk": "#desks._id#"}`;

feature("stages", (f) => {
  f.scenario("Add a Stage and verify its order", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", SHOW_MINE);
    await s.notifications(
      `[{"event": "stage", "extra": {"created": 1, "desk_id": "#desks._id#", "stage_id": "#stages._id#", "is_visible": true}}]`,
    );
    s.newResource(
      `{"name": "show my content", "description": "Show content items created by the current logged user", "desk": "#desks._id#", "desk_order": 3}`,
    );
  });

  f.scenario("Stage name must be unique", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", SHOW_MINE.replace("show my content", "new"));
    s.ok();
    await s.post("/stages", SHOW_MINE.replace("show my content", "new"));
    s.code(400, `{"_issues": {"name": {"unique": 1}}}`);
  });

  f.scenario("Fails to add a Stage without a name", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `{"description": "Show content items created by the current logged user"}`,
    );
    s.code(400, `{"_issues": {"name": {"required": 1}, "desk": {"required": 1}}}`);
  });

  f.scenario("Update Stage Name and Description", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", SHOW_MINE);
    s.newResource(`{
      "name": "show my content",
      "description": "Show content items created by the current logged user",
      "desk": "#desks._id#",
      "local_readonly": false
    }`);
    await s.patchLatest(
      `{"name": "My stage", "description": "Show content that I just updated", "local_readonly": true}`,
    );
    s.ok(
      `{"name": "My stage", "description": "Show content that I just updated", "desk": "#desks._id#", "local_readonly": true}`,
      { updated: true },
    );
  });

  f.needs(
    "Adding content to a stage having 0 expiry will get global expiry for the content",
    "the 'global content expiry' step (it reads the app's configuration in-process)",
  );
  f.needs(
    "Adding content to a stage having -1 expiry will get global expiry for the content",
    "the 'global content expiry' step (it reads the app's configuration in-process)",
  );

  f.scenario("Can delete an empty stage", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", `{"name": "show my content", "desk": "#desks._id#"}`);
    await s.delete("/stages/#stages._id#");
    s.code(204);
    await s.notifications(`[{"event": "stage", "extra": {"deleted": 1}}]`);
  });

  f.failing(
    "Toggle stage invisibility for notification",
    "users' invisible_stages is not kept current yet",
  );

  f.needs(
    "Get visible and invisible stages",
    "a step reading StagesService.get_stages_by_visibility in-process",
  );
  f.scenario(
    "Cannot delete stage if there are documents irrespective of their status",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.post("/stages", `{"name": "show my content", "desk": "#desks._id#"}`);
      await s.post(
        "archive",
        `[{"_id": "item-1", "slugline": "first task", "type": "text", "task": {"desk":"#desks._id#", "stage" :"#stages._id#"}}]`,
      );
      const refused =
        `{"_status": "ERR", "_message": "Cannot delete stage as it has article(s) or referenced by versions of the article(s)."}`;
      await s.delete("/stages/#stages._id#");
      s.code(412, refused);
      await s.spike("item-1");
      s.ok();
      await s.delete("/stages/#stages._id#");
      s.code(412, refused);
    },
  );

  f.needs(
    "Cannot delete stage if it is referred to by a routing scheme",
    "routing schemes (ingest)",
  );

  f.scenario(
    "Cannot delete either Working or Incoming Stage",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.delete("/stages/#desks.working_stage#");
      s.code(412, `{"_status": "ERR", "_message": "Cannot delete a Working Stage."}`);
      await s.delete("/stages/#desks.incoming_stage#");
      s.code(412, `{"_status": "ERR", "_message": "Cannot delete a Incoming Stage."}`);
    },
  );
});

// Not yet expressed: "Content can not be created on readonly stage", "Content can be fetched to
// readonly stage", "Content can not be send to readonly stage", "Content on readonly stage is not
// editable", "Reordering of stages".
