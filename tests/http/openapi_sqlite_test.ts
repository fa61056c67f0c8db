import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { personsModule } from "../fixtures/persons_module.ts";
import { openApiSuite } from "./openapi_suite.ts";

openApiSuite("embedded", async () => {
  const app = await createTestApp({ apps: [personsModule] });
  return { app, admin: await loginAs(app, { username: "admin", admin: true }) };
});
