/** Superdesk's features/unpublish.feature over HTTP. */
import { feature } from "./feature.ts";

const CONTENT_API = "the content API (`/items`, subscribers' `api_products`)";

feature("unpublish", (f) => {
  f.needs("Unpublish single item", CONTENT_API);
  // Expressed, it fails at the unpublish: the text item is still `submitted` (412).
  f.needs(
    "Unpublish an item that is in a published package",
    "packages (publishing a package publishes its items)",
  );
  // Expressed, it fails at the end: the featuremedia picture is still `fetched`.
  f.needs(
    "Unpublish an item with associations",
    "publishing an item's associated items with it (Superdesk's PUBLISH_ASSOCIATED_ITEMS, on in its tests)",
  );
  f.needs("Unpublish single item without record in publish queue", CONTENT_API);
});
