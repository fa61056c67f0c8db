/**
 * The `/api/docs` page: fetches `openapi.json` and lists every operation with its parameters
 * and schema, in plain HTML and a few lines of script (nothing loaded from elsewhere).
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Superdesk API</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
.op{margin:.6rem 0;padding:.5rem .8rem;border-left:4px solid #888;background:#f7f7f7}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.GET{border-color:#2a7}.POST{border-color:#27c}
.PATCH{border-color:#c82}.PUT{border-color:#a5c}.DELETE{border-color:#c33}
code,pre{font:13px ui-monospace,monospace}pre{background:#eee;padding:.5rem;overflow:auto;max-height:20rem}
</style></head><body>
<h1>Superdesk API</h1><p id="intro">Loading <a href="openapi.json">openapi.json</a>…</p><div id="ops"></div>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[ch]));
fetch("openapi.json").then((r) => r.json()).then((doc) => {
  document.getElementById("intro").innerHTML = esc(doc.info.description) +
    ' OpenAPI ' + esc(doc.openapi) + ' — <a href="openapi.json">raw document</a>.';
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === "parameters") continue;
      (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
    }
  }
  const out = [];
  for (const [tag, ops] of Object.entries(byTag)) {
    out.push("<h2>" + esc(tag) + "</h2>");
    for (const { path, method, op } of ops) {
      const params = (op.parameters || []).map((p) => "<code>" + esc(p.name) + "</code>").join(", ");
      out.push('<div class="op ' + method + '"><span class="m">' + method + "</span><code>/api" +
        esc(path) + "</code> — " + esc(op.summary) + (op.description ? " " + esc(op.description) : "") +
        (params ? "<br>Parameters: " + params : "") + "</div>");
    }
    out.push("<details><summary>Schema</summary><pre>" +
      esc(JSON.stringify(doc.components.schemas[tag], null, 2)) + "</pre></details>");
  }
  document.getElementById("ops").innerHTML = out.join("");
});
</script></body></html>
`;
