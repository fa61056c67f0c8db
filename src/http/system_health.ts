/**
 * `GET /api/system/health` (Superdesk's `superdesk/system/health.py`): the application name and
 * `green`/`red` for each engine under Superdesk's names, and `status` green when all are. Public,
 * as Superdesk's. Each name reports the seam that plays its part here: `mongo` the document store,
 * `elastic` the search index, `celery` the task queue (Superdesk's check connects to Celery's
 * broker; ours pings the queue's engine, not the workers), `redis` the notification bus. On the
 * embedded default they are SQLite and the in-process bus. The answer is 200 even when red, as
 * Superdesk's (a report, read by its monitoring); `/ready` is the probe that answers 503. Being
 * public, it takes the platform's shared pings (`Platform.readiness`, one round for it and
 * `/ready`): requests cannot multiply the engines' load.
 */
import { Hono } from "hono";
import type { EngineStatus } from "../engines/engine_status.ts";
import type { OpenApiPaths } from "./openapi/openapi_document.ts";
import type { ApiApp } from "./api_routes.ts";

/** Superdesk's component names, each with the seam whose engine it reports. */
const COMPONENTS = [
  ["mongo", "documents"],
  ["elastic", "search"],
  ["celery", "queue"],
  ["redis", "bus"],
] as const;

/** The health report of `engines` (as `Platform.readiness` gives them). */
function healthReport(
  applicationName: string,
  engines: readonly EngineStatus[],
): Record<string, string> {
  const report: Record<string, string> = { application_name: applicationName };
  let all = true;
  for (const [name, seam] of COMPONENTS) {
    const ok = engines.some((engine) => engine.seam === seam && engine.ok);
    all &&= ok;
    report[name] = ok ? "green" : "red";
  }
  report.status = all ? "green" : "red";
  return report;
}

/** The route, reporting what `readiness` (the platform's shared pings) answers. */
export function systemHealthRoutes(
  { applicationName, readiness }: {
    applicationName: string;
    readiness: () => Promise<EngineStatus[]>;
  },
): ApiApp {
  const app: ApiApp = new Hono();
  app.get("/system/health", async (c) => c.json(healthReport(applicationName, await readiness())));
  return app;
}

const COLOUR = { enum: ["green", "red"] };

/** The route in the API reference. */
export const SYSTEM_HEALTH_PATHS: OpenApiPaths = {
  "/system/health": {
    get: {
      tags: ["System"],
      operationId: "getSystemHealth",
      summary: "Report the engines' health",
      description: "Superdesk's health check: `green` or `red` for the document store " +
        "(`mongo`), the search index (`elastic`), the task queue (`celery`) and the " +
        "notification bus (`redis`), and overall (`status`). 200 even when red; no session.",
      security: [],
      responses: {
        "200": {
          description: "The report",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  application_name: { type: "string" },
                  status: COLOUR,
                  mongo: COLOUR,
                  elastic: COLOUR,
                  celery: COLOUR,
                  redis: COLOUR,
                },
                required: ["application_name", "status", "mongo", "elastic", "celery", "redis"],
              },
            },
          },
        },
      },
    },
  },
};
