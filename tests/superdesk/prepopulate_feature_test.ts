/**
 * Superdesk's features/prepopulate.feature: `POST /prepopulate` erases the database and loads
 * sample users, desks and roles, in Superdesk's testing mode only (`SUPERDESK_TESTING`); we have
 * no testing mode, so outside it the route is unknown, as Superdesk's.
 */
import { feature } from "./feature.ts";

const NEEDS = "prepopulate (a testing mode that erases the database and loads sample data)";

feature("prepopulate", (f) => {
  f.needs("Prepopulate and erase", NEEDS);

  f.scenario("Prepopulate and app not on testing mode", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.givenEmpty("desks");
    await s.post("/prepopulate", `{}`);
    s.code(404);
  });

  f.needs("Prepopulate and no erase", NEEDS);
  f.needs("Prepopulate with custom profile", NEEDS);
});
