/** Superdesk's features/http_push.feature over HTTP. */
import { feature } from "./feature.ts";

feature("http_push", (f) => {
  // Its first publish, correction and kill push what Superdesk pushes (versions 3, 4, 5,
  // `pubstatus: canceled`) but for the fields outside the item's profile and the copyright.
  f.needs(
    "Publish a text item",
    "the formatted item limited to its content profile's fields (Superdesk's `apply_schema`: " +
      "no `byline`, `headline` in profile `foo`) and NINJS copyright from the `rightsinfo` " +
      "vocabulary",
  );
});
