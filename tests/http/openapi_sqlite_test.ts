import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { contactsModule } from "../fixtures/contacts_module.ts";
import { openApiSuite } from "./openapi_suite.ts";

openApiSuite("embedded", async () => {
  const app = await createTestApp({ apps: [contactsModule] });
  return { app, admin: await loginAs(app, { username: "admin", admin: true }) };
});
