/** Superdesk's features/publish_queue.feature over HTTP (the queue's own API). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

/** An item, a product and the Channel 3 subscriber with one email destination named `name`. */
async function channel3(s: Scenario, name: string) {
  await s.givenEmpty("archive");
  await s.givenEmpty("subscribers");
  await s.post("/archive", `[{"headline": "test"}]`);
  await s.post("/products", `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`);
  s.ok();
  await s.post(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations":[{"name":"${name}","format": "nitf", "delivery_type":"email",
        "config":{"recipients":"test@test.com"}}]}`,
  );
  s.ok();
}

const PUBLISH_STEPS =
  "the publishing steps of the scenario library (`we publish`, `we enqueue published`)";

feature("publish_queue", (f) => {
  f.scenario("Add a new transmission entry to the queue", ["auth"], async (s) => {
    await channel3(s, "Test");
    await s.post(
      "/publish_queue",
      `{"item_id":"#archive._id#","publish_schedule": "2016-05-30T10:00:00+00:00",
        "subscriber_id":"#subscribers._id#",
        "destination":{"name":"Test","format": "nitf","delivery_type":"email",
          "config":{"recipients":"test@test.com"}}}`,
    );
    s.ok();
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"destination":{"name":"Test"}}]}`);
  });

  f.needs("No transmission will happen if subscriber doesn't have product", PUBLISH_STEPS);
  f.needs("Error in queueing will be recorded if happens", PUBLISH_STEPS);
  f.needs("Transmission will have the collated codes", PUBLISH_STEPS);

  f.scenario("Patch a transmission entry", ["auth"], async (s) => {
    await channel3(s, "destination2");
    await s.post(
      "/publish_queue",
      `{"item_id":"#archive._id#","subscriber_id":"#subscribers._id#",
        "destination":{"name":"destination2","format": "nitf", "delivery_type":"email",
          "config":{"recipients":"test@test.com"}}}`,
    );
    s.ok();
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"state":"pending"}]}`);
    await s.patch("/publish_queue/#publish_queue._id#", `{"state": "in-progress"}`);
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"state":"in-progress"}]}`);
  });

  f.needs(
    "Published Item should have published sequence number when published and placed in queue",
    PUBLISH_STEPS,
  );
  f.needs(
    "Creating a new publish queue entry should add published sequence number",
    "queue entries looked up by their item's id (`/publish_queue/#archive._id#`)",
  );
  f.needs("publish queue us returned in correct order", "the `list ordered by` step");
  f.needs("Expire published queue items", "published content expiry");
  f.needs("Transmission will have the collated codes on takedown", PUBLISH_STEPS);
});
