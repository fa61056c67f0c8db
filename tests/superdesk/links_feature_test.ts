/**
 * Superdesk's features/links.feature: `GET /links?where={"guid": ...}` finds the items that
 * embed an item (their `refs`, which Superdesk derives from `associations` and indexes), and
 * an embedded item is marked `used`. Both need the archive's `refs` in its search mapping (an
 * `index:rebuild`), not done yet.
 */
import { feature } from "./feature.ts";

feature("links", (f) => {
  f.needs("We can get links to an item", "links (the archive's refs and used marks)");
});
