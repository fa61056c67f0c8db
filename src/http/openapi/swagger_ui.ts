/**
 * The interactive API reference: Swagger UI from the pinned `swagger-ui-dist` npm package,
 * served by us (nothing is loaded from another host, so it works offline), fed by our
 * `openapi.json`. Try-it-out sends the session token: log in with `POST /auth_db` on the page
 * and the page authorizes itself with the returned token (Basic, token as the user name, empty
 * password, as the Superdesk client sends it); or paste a token under "Authorize".
 * The package is imported at the first asset asked for: it is CommonJS, whose loader costs
 * ~7 ms and a few MB at start for a page few open.
 */

/** The package files the page loads, with their content types. */
const ASSETS: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/** A static file of the page. */
export interface DocsAsset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

const cache = new Map<string, Promise<DocsAsset>>();

/** A Swagger UI file by name (read from the package once), or undefined for other names. */
export function swaggerUiAsset(name: string): Promise<DocsAsset> | undefined {
  const type = ASSETS[name];
  if (!type) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    asset = import("swagger-ui-dist/absolute-path.js")
      .then(({ default: packagePath }) => Deno.readFile(`${packagePath()}/${name}`))
      .then((body) => ({ body, type }));
    asset.catch(() => cache.delete(name));
    cache.set(name, asset);
  }
  return asset;
}

/** The page at `{base}/docs`; `base` is where `/api` is mounted (e.g. `/api`). */
export function docsPage(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Superdesk API reference</title>
<link rel="icon" type="image/png" href="${base}/docs/favicon-32x32.png">
<link rel="stylesheet" href="${base}/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}/docs/swagger-ui-bundle.js"></script>
<script src="${base}/docs/init.js"></script>
</body>
</html>
`;
}

/**
 * The script that starts Swagger UI: try-it-out on, authorization kept across reloads, and a
 * successful login answered by authorizing with the new token.
 */
export function docsInitScript(base: string): string {
  return `"use strict";
const ui = SwaggerUIBundle({
  url: ${JSON.stringify(`${base}/openapi.json`)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  tryItOutEnabled: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  validatorUrl: null,
  responseInterceptor(response) {
    const login = /\\/auth_db\\/?$/.test(new URL(response.url, location.href).pathname);
    if (login && response.status === 201 && response.obj && response.obj.token) {
      ui.preauthorizeBasic("sessionBasic", response.obj.token, "");
    }
    return response;
  },
});
window.ui = ui;
`;
}
