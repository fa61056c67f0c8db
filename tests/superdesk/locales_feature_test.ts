/** Superdesk's features/locales.feature over HTTP. */
import { feature } from "./feature.ts";

feature("locales", (f) => {
  f.scenario("Get timezones", ["auth"], async (s) => {
    await s.get("/locales/timezones");
    s.existingResource(
      `{"timezones": [{"id": "America/Edmonton", "name": "Mountain Time",
        "location": "Canada (Edmonton) Time"}]}`,
    );
  });
});
