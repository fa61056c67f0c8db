/**
 * EXPORT_EXPIRY_MINUTES is read when the export app starts: a value that is no whole number of
 * minutes, or one so large that no expiry date can be computed from it, stops the start with a
 * message naming the variable (instead of a 500 on every export).
 */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";

Deno.test("a bad or huge EXPORT_EXPIRY_MINUTES stops the start, naming it", async () => {
  for (const value of ["0", "1.5", "9999999999999"]) {
    await assert.rejects(
      () => createTestApp({ env: { EXPORT_EXPIRY_MINUTES: value } }),
      /EXPORT_EXPIRY_MINUTES/,
      value,
    );
  }
});
