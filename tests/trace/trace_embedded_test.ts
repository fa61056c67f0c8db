import { traceSuite } from "./trace_suite.ts";

traceSuite("embedded", {});
