/**
 * Validation of formatted output against the published schemas, for the formatter tests: NINJS
 * with Ajv (the schema is draft 04; it uses nothing that changed since, so only its
 * `id` is renamed `$id` for Ajv's draft-07 dialect) against IPTC's ninjs 1.3 schema plus the fields
 * Superdesk adds to it, and NewsML-G2 with libxml2's XML Schema validator (`xmllint --schema`)
 * against IPTC's NewsML-G2 2.35 XSD. The schema files are vendored in `schemas/` (licences in
 * its README).
 */
import Ajv from "ajv";
import { printLine } from "../../src/log.ts";

const SCHEMAS = new URL("./schemas/", import.meta.url);

/**
 * The properties Superdesk's ninjs output adds to IPTC ninjs (Superdesk's
 * `docs/superdesk-ninjs-schema.json`): identifiers, priority, service, keywords, source, counts,
 * renditions with their media id and point of interest.
 */
const SUPERDESK_EXTENSIONS = {
  guid: { type: "string" },
  priority: { type: "number" },
  service: {
    type: "array",
    items: {
      type: "object",
      additionalProperties: false,
      properties: { code: { type: "string" }, name: { type: "string" } },
    },
  },
  keywords: { type: "array", items: { type: "string" } },
  source: { type: "string" },
  firstpublished: { type: "string", format: "date-time" },
  evolvedfrom: { type: "string" },
  readtime: { type: "number" },
  extra: { type: "object" },
  renditions: {
    type: "object",
    additionalProperties: {
      type: "object",
      additionalProperties: false,
      properties: {
        href: { type: "string", format: "uri" },
        mimetype: { type: "string" },
        height: { type: "number" },
        width: { type: "number" },
        poi: { type: "object", properties: { x: { type: "integer" }, y: { type: "integer" } } },
        media: { type: "string" },
      },
    },
  },
};

/** ISO 8601 date-times, with `Z`, `±hh:mm` or Superdesk's `±hhmm` offset. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

let validateNinjs: ((doc: unknown) => string[]) | undefined;

/** The schema errors of a ninjs document (empty when valid). */
export async function ninjsErrors(doc: unknown): Promise<string[]> {
  if (!validateNinjs) {
    const iptc = JSON.parse(await Deno.readTextFile(new URL("ninjs-schema_1.3.json", SCHEMAS)));
    const { id, $schema: _draft, ...rest } = iptc;
    const schema = {
      ...rest,
      $id: id,
      properties: { ...iptc.properties, ...SUPERDESK_EXTENSIONS },
    };
    // deno-lint-ignore no-explicit-any
    const ajv = new (Ajv as any)({ allErrors: true, strict: false });
    ajv.addFormat("date-time", DATE_TIME);
    ajv.addFormat("uri", (value: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(value));
    const check = ajv.compile(schema);
    validateNinjs = (doc) =>
      check(doc)
        ? []
        : (check.errors ?? []).map((error: { instancePath: string; message: string }) =>
          `${error.instancePath || "/"} ${error.message}`
        );
  }
  return validateNinjs(doc);
}

/** Whether `xmllint` is installed; in CI its absence fails, elsewhere it skips loudly. */
export function hasXmllint(): boolean {
  try {
    new Deno.Command("xmllint", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync();
    return true;
  } catch {
    if (Deno.env.get("CI") === "true") throw new Error("xmllint is missing (libxml2-utils)");
    printLine("!!! SKIPPING XML Schema checks: install xmllint (Debian libxml2-utils)", {
      stream: "stderr",
    });
    return false;
  }
}

/** Validates `xml` against the NewsML-G2 XSD; returns xmllint's complaints (empty when valid). */
export function newsmlG2Errors(xml: string): Promise<string> {
  const xsd = new URL("NewsML-G2_2.35-spec-All-Power.xsd", SCHEMAS).pathname;
  return xmllint(["--schema", xsd], xml);
}

/** Checks that `xml` is well-formed (no schema); returns xmllint's complaints. */
export function wellFormedErrors(xml: string): Promise<string> {
  return xmllint([], xml);
}

/** Runs `xmllint --noout --nonet <args> -` on `xml`; its complaints, empty on success. */
async function xmllint(args: string[], xml: string): Promise<string> {
  const child = new Deno.Command("xmllint", {
    args: ["--noout", "--nonet", ...args, "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(xml));
  await writer.close();
  const output = await child.output();
  return output.success ? "" : new TextDecoder().decode(output.stderr);
}
