/** The bounded schemathesis fuzz (`_fuzz.ts`) on the embedded default. */
import { fuzzTest } from "./_fuzz.ts";

fuzzTest("embedded");
