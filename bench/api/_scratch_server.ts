import "./_scratch_patch.ts";
import "./bench_server.ts";
