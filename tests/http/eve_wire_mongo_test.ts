import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";
import { personsModule } from "../fixtures/persons_module.ts";
import { eveWireSuite } from "./eve_wire_suite.ts";

const mongoUri = engineUrl("MONGO_URI");

eveWireSuite("mongodb", async () => {
  const app = await createTestApp({ apps: [personsModule], mongoUri });
  const admin = await loginAs(app, { username: "admin", admin: true });
  const reader = await loginAs(app, { username: "reader" });
  return { app, admin, reader };
}, { ignore: !mongoUri });
