import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { personsModule } from "../fixtures/persons_module.ts";
import { eveWireSuite } from "./eve_wire_suite.ts";

eveWireSuite("embedded", async () => {
  const app = await createTestApp({ apps: [personsModule] });
  const admin = await loginAs(app, { username: "admin", admin: true });
  const reader = await loginAs(app, { username: "reader" });
  return { app, admin, reader };
});
