import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";
import { contactsModule } from "../fixtures/contacts_module.ts";
import { openApiSuite } from "./openapi_suite.ts";

const mongoUri = engineUrl("MONGO_URI");

openApiSuite("mongodb", async () => {
  const app = await createTestApp({ apps: [contactsModule], mongoUri });
  return { app, admin: await loginAs(app, { username: "admin", admin: true }) };
}, { ignore: !mongoUri });
