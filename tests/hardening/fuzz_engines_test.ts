/** The bounded schemathesis fuzz (`_fuzz.ts`) on the real engines. */
import { fuzzTest } from "./_fuzz.ts";

fuzzTest("engines");
