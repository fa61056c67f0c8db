/** Superdesk's features/packages.feature over HTTP. */
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import { uploadBike } from "./_crop_steps.ts";

const TEST_DESK = `[{"name": "test desk"}]`;
const TASK = `"task": {"user": "#user._id#", "desk": "#desks._id#"}`;
const ROOT = `{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"}`;

/** A main group with one ref to `residRef`. */
function mainGroup(residRef: string, role = "main"): string {
  return `{"id": "main", "role": "${role}", "refs": [{"headline": "test package with text",
    "residRef": "${residRef}", "slugline": "awesome article"}]}`;
}

/** The groups of package 605 holding item 606 (role `main`). */
const GROUPS_OF_605 = `[${ROOT}, ${mainGroup("tag:example.com,0000:newsml_BRE9A606")}]`;

/** A ref of the main group: `{headline, residRef, slugline}`. */
function ref(headline: string, residRef: string, slugline: string): string {
  return `{"headline": "${headline}", "residRef": "${residRef}", "slugline": "${slugline}"}`;
}

const PIC_605 = ref(
  "test package with pic",
  "tag:example.com,0000:newsml_BRE9A605",
  "awesome picture",
);
const TEXT_606 = ref(
  "test package with text",
  "tag:example.com,0000:newsml_BRE9A606",
  "awesome article",
);

/** The groups of a package whose main group holds `refs`. */
function groupsOf(...refs: string[]): string {
  return `[${ROOT}, {"id": "main", "refs": [${refs.join(", ")}], "role": "main"}]`;
}

/** A package of `groups` posted with success, then listed among composites not spiked. */
async function postedAndListed(s: Scenario, groups: string): Promise<void> {
  await s.postWithSuccess("/archive", `{"groups": ${groups}, "type": "composite", ${TASK}}`);
  await s.get(
    `archive?source={"query":{"filtered":{"filter":{"and":[{"not":{"term":{"state":"spiked"}}},{"terms":{"type":["composite"]}}]}}}}`,
  );
  s.list(1, `{"_items": [{"groups": ${groups}}]}`);
}

/** `Given empty "archive"`, the test desk and item `guid` posted (headline "test"). */
async function deskAndItem(s: Scenario, item = `{"headline": "test"}`) {
  await s.givenEmpty("archive");
  await s.given("desks", TEST_DESK);
  await s.post("/archive", `[${item}]`);
}

/** The scenario body of a package refused at creation, with its groups. */
function refusedPackage(groups: string, message: string) {
  return async (s: Scenario) => {
    await deskAndItem(s);
    await s.post(
      "/archive",
      `{"type": "composite", "groups": ${groups},
        "guid": "tag:example.com,0000:newsml_BRE9A605", ${TASK}}`,
    );
    s.code(403, `{"_message": "${message}", "_status": "ERR"}`);
  };
}

/** Item 606 (slugline WORMS) and package 605 holding it, as the PSA and spike scenarios post. */
async function packageOf606(s: Scenario, { footer = "", success = true } = {}) {
  await s.givenEmpty("archive");
  await s.given("desks", TEST_DESK);
  await s.postWithSuccess(
    "/archive",
    `[{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606", "slugline": "WORMS"}]`,
  );
  const post = success ? s.postWithSuccess.bind(s) : s.post.bind(s);
  return await post(
    "/archive",
    `{"groups": [${ROOT}, ${mainGroup("tag:example.com,0000:newsml_BRE9A606", "grpRole:Main")}],
      "guid": "tag:example.com,0000:newsml_BRE9A605", "type": "composite", ${footer} ${TASK}}`,
  );
}

feature("packages", (f) => {
  f.scenario("Create new package without groups", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.post(
      "/archive",
      `{"groups": [], "guid": "tag:example.com,0000:newsml_BRE9A605", "type": "composite"}`,
    );
    s.code(
      400,
      `{"_error": {"code": 400, "message": "Insertion failure: 1 document(s) contain(s) error(s)"},
        "_issues": {"groups": {"minlength": 1}}, "_status": "ERR"}`,
    );
  });

  f.scenario("Create new package without desk", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.post(
      "/archive",
      `{"guid": "tag:example.com,0000:newsml_BRE9A605", "type": "composite", "task": {}}`,
    );
    s.code(
      403,
      `{"_message": "Packages can not be created in the personal space.", "_status": "ERR"}`,
    );
  });

  f.scenario("Create new package with text content", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", TEST_DESK);
    await s.postWithSuccess(
      "/archive",
      `[{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606"}]`,
    );
    const groups = `[${ROOT}, ${
      mainGroup("tag:example.com,0000:newsml_BRE9A606", "grpRole:Main")
    }]`;
    await s.postWithSuccess(
      "/archive",
      `{"groups": ${groups}, "guid": "tag:example.com,0000:newsml_BRE9A605",
        "type": "composite", ${TASK}}`,
    );
    await s.get(
      `archive?source={"query":{"filtered":{"filter":{"and":[{"terms":{"type":["composite"]}}]}}}}`,
    );
    s.list(
      1,
      `{"_items": [{"groups": ${groups}, "guid": "tag:example.com,0000:newsml_BRE9A605"}]}`,
    );
  });

  f.scenario("Create new package with image content", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", TEST_DESK);
    await uploadBike(s, "archive", { guid: "tag:example.com,0000:newsml_BRE9A605", scale: 0.25 });
    await postedAndListed(s, groupsOf(PIC_605));
  });

  f.scenario("Create package with image and text", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", TEST_DESK);
    await uploadBike(s, "archive", { guid: "tag:example.com,0000:newsml_BRE9A605", scale: 0.25 });
    await s.post(
      "/archive",
      `[{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606"}]`,
    );
    await postedAndListed(s, groupsOf(PIC_605, TEXT_606));
  });

  f.scenario("Fail on creating new package with duplicated content", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", TEST_DESK);
    // `#archive._id#` names no item yet: it stays as it is, twice, as in Superdesk.
    await s.post(
      "/archive",
      `{"type": "composite", "groups": [${ROOT}, {"id": "main", "role": "main", "refs": [
          {"headline": "test package with pic", "residRef": "#archive._id#",
           "slugline": "awesome picture"},
          {"headline": "test package with text", "residRef": "#archive._id#",
           "slugline": "awesome article"}]}], ${TASK}}`,
    );
    s.code(403, `{"_message": "Content associated multiple times", "_status": "ERR"}`);
  });

  f.scenario("Fail on creating package with circular reference", ["auth"], async (s) => {
    await s.given("desks", TEST_DESK);
    await s.post(
      "/archive",
      `[{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606"}]`,
    );
    await s.postWithSuccess(
      "/archive",
      `{"type": "composite", "groups": ${GROUPS_OF_605},
        "guid": "tag:example.com,0000:newsml_BRE9A605", ${TASK}}`,
    );
    await s.postWithSuccess(
      "/archive",
      `{"type": "composite", "guid": "tag:example.com,0000:newsml_BRE9A604", "groups": [${ROOT},
        {"id": "main", "role": "main story", "refs": [
          {"headline": "test package with text", "residRef": "tag:example.com,0000:newsml_BRE9A606",
           "slugline": "awesome article"},
          {"headline": "test package with text", "residRef": "tag:example.com,0000:newsml_BRE9A605",
           "slugline": "awesome circular article"}]}], ${TASK}}`,
    );
    await s.patch(
      "/archive/tag:example.com,0000:newsml_BRE9A605",
      `{"groups": [${ROOT}, {"id": "main", "refs": [
          {"headline": "test package with text", "residRef": "tag:example.com,0000:newsml_BRE9A606",
           "slugline": "awesome article"},
          {"headline": "test package with text", "residRef": "tag:example.com,0000:newsml_BRE9A604",
           "slugline": "awesome circular article"}]}],
        "guid": "tag:example.com,0000:newsml_BRE9A605"}`,
    );
    s.code(
      400,
      `{"_issues": {"validator exception": "Trying to create a circular reference to: tag:example.com,0000:newsml_BRE9A604"},
        "_status": "ERR"}`,
    );
  });

  f.scenario("Retrieve created package", ["auth"], async (s) => {
    await deskAndItem(s, `{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606"}`);
    await s.postWithSuccess(
      "/archive",
      `{"type": "composite", "groups": ${GROUPS_OF_605},
        "guid": "tag:example.com,0000:newsml_BRE9A605", ${TASK}}`,
    );
    s.newResource(
      `{"groups": ${GROUPS_OF_605}, "guid": "tag:example.com,0000:newsml_BRE9A605",
        "type": "composite"}`,
    );
    await s.latest();
    await s.get("archive");
    s.list(
      2,
      `{"_items": [
        {"guid": "tag:example.com,0000:newsml_BRE9A606", "headline": "test", "type": "text",
         "linked_in_packages": [{"package": "tag:example.com,0000:newsml_BRE9A605"}]},
        {"groups": ${GROUPS_OF_605}, "guid": "tag:example.com,0000:newsml_BRE9A605",
         "type": "composite"}]}`,
    );
  });

  f.scenario(
    "Fail on creating new package with missing root group",
    ["auth"],
    refusedPackage(`[${mainGroup("#archive._id#", "grpRole:Main")}]`, "Root group is missing."),
  );

  f.scenario(
    "Fail on creating new package with duplicated root group",
    ["auth"],
    refusedPackage(
      `[${ROOT}, ${ROOT}, ${mainGroup("#archive._id#", "grpRole:Main")}]`,
      "Only one root group is allowed.",
    ),
  );

  f.scenario(
    "Fail on creating new package with missing group referenced in root",
    ["auth"],
    refusedPackage(
      `[{"id": "root", "refs": [{"idRef": "main"}, {"idRef": "sidebar"}], "role": "grpRole:NEP"},
        ${mainGroup("#archive._id#", "grpRole:Main")}]`,
      "The number of groups and of referenced groups in the root group do not match.",
    ),
  );

  f.scenario(
    "Fail on creating new package with group not referenced in root",
    ["auth"],
    refusedPackage(
      `[{"id": "root", "refs": [{"idRef": "main"}, {"idRef": "sidebar"}], "role": "grpRole:NEP"},
        ${mainGroup("#archive._id#", "grpRole:Main")},
        {"id": "story", "role": "grpRole:Story", "refs": [{"headline": "test package with text",
          "residRef": "#archive._id#", "slugline": "awesome article"}]}]`,
      "Not all groups are referenced in the root group.",
    ),
  );

  f.scenario(
    "Fail on patching created package with group not referenced in root",
    ["auth"],
    async (s) => {
      await deskAndItem(s, `{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606"}`);
      await uploadBike(s, "archive", { scale: 0.25 });
      // Superdesk's step names residRef twice: JSON keeps the last, the picture just uploaded.
      await s.postWithSuccess(
        "/archive",
        `{"type": "composite", "groups": ${
          groupsOf(ref("test package with text", "#archive._id#", "awesome article"))
        }, "guid": "tag:example.com,0000:newsml_BRE9A605", ${TASK}}`,
      );
      await s.patchLatest(
        `{"groups": [${ROOT}, {"id": "main", "role": "main", "refs": [
            ${ref("test package with pic", "#archive._id#", "awesome picture")}, ${TEXT_606}]},
          {"id": "story", "role": "story", "refs": [${TEXT_606}]}]}`,
        { assert: false },
      );
      s.code(
        400,
        `{"_status": "ERR", "_issues": {"validator exception": "403: The number of groups and of referenced groups in the root group do not match."}}`,
      );
    },
  );

  f.scenario("Patch created package", ["auth"], async (s) => {
    await deskAndItem(s, `{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A606"}`);
    await uploadBike(s, "archive", { guid: "tag:example.com,0000:newsml_BRE9A604", scale: 0.25 });
    await s.postWithSuccess(
      "/archive",
      `{"type": "composite", "groups": ${groupsOf(TEXT_606)},
        "guid": "tag:example.com,0000:newsml_BRE9A605", ${TASK}}`,
    );
    const groups = groupsOf(
      ref("test package with pic", "tag:example.com,0000:newsml_BRE9A604", "awesome picture"),
      TEXT_606,
    );
    await s.patchLatest(`{"groups": ${groups}}`);
    s.existingResource(
      `{"_id": "tag:example.com,0000:newsml_BRE9A605", "groups": ${groups},
        "guid": "tag:example.com,0000:newsml_BRE9A605", "type": "composite"}`,
    );
    s.version(2);
    await s.get("/archive/tag:example.com,0000:newsml_BRE9A605?version=all");
    s.list(2);
  });

  f.scenario(
    "When removing a link from the package, item.linked_in_packages gets updated",
    ["auth"],
    async (s) => {
      await deskAndItem(s, `{"guid": "tag:example.com,0000:newsml_BRE9A679", "headline": "test"}`);
      s.saveEtag();
      await s.postWithSuccess(
        "/archive",
        `{"type": "composite", "groups": [${ROOT}, ${
          mainGroup("tag:example.com,0000:newsml_BRE9A679")
        }], "guid": "tag:example.com,0000:newsml_BRE9A605", ${TASK}}`,
      );
      await s.patchLatest(`{"groups": [{"id": "root", "refs": [], "role": "grpRole:NEP"}]}`);
      s.existingResource(
        `{"_id": "tag:example.com,0000:newsml_BRE9A605",
          "groups": [{"id": "root", "refs": [], "role": "grpRole:NEP"}],
          "guid": "tag:example.com,0000:newsml_BRE9A605", "type": "composite"}`,
      );
      s.version(2);
      await s.get("/archive/tag:example.com,0000:newsml_BRE9A679");
      s.existingResource(`{"headline": "test", "linked_in_packages": []}`);
      s.matchingEtag();
    },
  );

  f.scenario("Delete created package", ["auth"], async (s) => {
    await deskAndItem(s, `{"headline": "test", "guid": "tag:example.com,0000:newsml_BRE9A679"}`);
    await s.postWithSuccess(
      "/archive",
      `{"type": "composite", "guid": "tag:example.com,0000:newsml_BRE9A678", "groups": [${ROOT},
        ${mainGroup("tag:example.com,0000:newsml_BRE9A679")}], ${TASK}}`,
    );
    await s.delete("/archive/tag:example.com,0000:newsml_BRE9A678");
    s.code(405);
    await s.get("archive");
    s.list(
      2,
      `{"_items": [{"guid": "tag:example.com,0000:newsml_BRE9A679", "headline": "test",
        "linked_in_packages": [], "type": "text"}]}`,
    );
  });

  f.scenario("Can not spike an item in a package", ["auth"], async (s) => {
    await packageOf606(s);
    await s.spike("tag:example.com,0000:newsml_BRE9A606");
    s.code(
      400,
      `{"_issues": {"validator exception": "400: The item \\"WORMS\\" is in a package it needs to be removed before the item can be spiked"},
        "_status": "ERR"}`,
    );
  });

  f.scenario("Creating a package with Public Service Announcements fails", ["auth"], async (s) => {
    await packageOf606(s, {
      footer: `"body_footer": "Suicide Call Back Service 1300 659 467",`,
      success: false,
    });
    s.code(400, `{"_message": "Package doesn't support Public Service Announcements"}`);
  });

  f.scenario("Updating a package with Public Service Announcements fails", ["auth"], async (s) => {
    await packageOf606(s);
    await s.patch(
      "/archive/#archive._id#",
      `{"body_footer": "Suicide Call Back Service 1300 659 467"}`,
    );
    s.code(
      400,
      `{"_issues": {"validator exception": "400: Package doesn't support Public Service Announcements"}}`,
    );
  });
});
