import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";
import { personsModule } from "../fixtures/persons_module.ts";
import { openApiSuite } from "./openapi_suite.ts";

const mongoUri = engineUrl("MONGO_URI");

openApiSuite("mongodb", async () => {
  const app = await createTestApp({ apps: [personsModule], mongoUri });
  return { app, admin: await loginAs(app, { username: "admin", admin: true }) };
}, { ignore: !mongoUri });
