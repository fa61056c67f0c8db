import assert from "node:assert/strict";
import { isoText } from "../src/iso_date.ts";

Deno.test("isoText spells every instant as Date#toISOString does", () => {
  const instants = [
    0,
    -1,
    951_782_400_000, // 2000-02-29
    951_868_799_999,
    -62_167_219_200_000, // year 0
    -62_167_219_200_001, // year -1: six digits
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    253_402_300_800_000, // year 10000
    4_102_444_800_000, // 2100-01-01 (no leap day)
  ];
  for (let n = 0; n < 20_000; n++) {
    instants.push(Math.round((n * 7_919_017_321_337) % 2e14 - 1e14));
  }
  for (const ms of instants) {
    const date = new Date(ms);
    assert.equal(isoText(date), date.toISOString(), `${ms}`);
    assert.equal(isoText(date), date.toISOString(), `${ms}, remembered`);
  }
  assert.throws(() => isoText(new Date(NaN)), RangeError);
});
