/** `initializeClientSettings`: stores Superdesk's client defaults once, never over set ones. */
import assert from "node:assert/strict";
import {
  CLIENT_SETTINGS_DEFAULTS,
  CLIENT_SETTINGS_KEY,
  initializeClientSettings,
} from "../../src/shell/client_settings.ts";
import type { ServerConfigService } from "../../src/shell/server_config.ts";
import { createTestApp } from "../_app.ts";

Deno.test("initializeClientSettings stores the defaults once and keeps an admin's changes", async () => {
  const t = await createTestApp();
  try {
    const config = t.platform.registry.service<ServerConfigService>("config");
    assert.equal(await initializeClientSettings(t.platform.registry), true);
    assert.deepEqual((await config.getById(CLIENT_SETTINGS_KEY)).val, CLIENT_SETTINGS_DEFAULTS);
    await config.set(CLIENT_SETTINGS_KEY, { defaultRoute: "/settings" });
    assert.equal(await initializeClientSettings(t.platform.registry), false);
    const val = (await config.getById(CLIENT_SETTINGS_KEY)).val as Record<string, unknown>;
    assert.equal(val.defaultRoute, "/settings");
    assert.deepEqual(val.auth, { google: false });
  } finally {
    await t.close();
  }
});
