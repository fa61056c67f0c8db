import assert from "node:assert/strict";
import { httpDate } from "../../src/http/http_date.ts";

Deno.test("httpDate spells what Date#toUTCString does, over many instants and the edge years", () => {
  const instants = [0, -1, 1, 946_684_799_999, 951_782_400_000, Date.UTC(9999, 11, 31, 23, 59, 59)];
  for (let ms = Date.UTC(1000, 0, 1); ms < Date.UTC(9999, 0, 1); ms += 9_876_543_211) {
    instants.push(ms);
  }
  instants.push(Date.UTC(999, 11, 31), Date.UTC(10000, 0, 1), -8.64e15, 8.64e15, NaN);
  for (const ms of instants) {
    const date = new Date(ms);
    assert.equal(httpDate(date), date.toUTCString(), String(ms));
  }
  assert.ok(instants.length > 900);
});
