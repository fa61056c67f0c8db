/**
 * `app.onClose`: closing the platform runs what apps registered, the last registered first, and a
 * failing closer does not stop the others; a start that fails runs those registered so far.
 */
import assert from "node:assert/strict";
import { defineApp } from "../../src/app_api.ts";
import { AppLoadError } from "../../src/apps/load_apps.ts";
import { createTestApp } from "../_app.ts";

Deno.test("closing the platform runs the apps' onClose closers, last registered first", async () => {
  const calls: string[] = [];
  const apps = [
    defineApp({
      name: "first",
      register(app) {
        app.onClose(() => void calls.push("first"));
        app.onClose(() => {
          throw new Error("cannot close");
        });
      },
    }),
    defineApp({
      name: "second",
      register(app) {
        app.onClose(async () => {
          await Promise.resolve();
          calls.push("second");
        });
      },
    }),
  ];
  const app = await createTestApp({ apps });
  assert.deepEqual(calls, []);
  await app.close();
  assert.deepEqual(calls, ["second", "first"]);
});

Deno.test("a start that fails runs the closers registered before the failure", async () => {
  const calls: string[] = [];
  const apps = [
    defineApp({ name: "opens", register: (app) => app.onClose(() => void calls.push("opens")) }),
    defineApp({
      name: "fails",
      register() {
        throw new Error("no");
      },
    }),
  ];
  await assert.rejects(createTestApp({ apps }), AppLoadError);
  assert.deepEqual(calls, ["opens"]);
});
