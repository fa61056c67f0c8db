/**
 * Superdesk's features/places.feature: both scenarios ask the real GeoNames service (network and
 * an account); what we answer from GeoNames is tested against a stand-in
 * (tests/places/places_autocomplete_test.ts).
 */
import { feature } from "./feature.ts";

feature("places", (f) => {
  f.needs("Places autocomplete", "geonames");
  f.needs("Places autocomplete feature filter setting", "geonames");
});
