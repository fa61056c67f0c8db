/**
 * Sample content items for the publishing tests: a full text story with every field the
 * formatters map, and a minimal one.
 */
import type { Doc } from "../../src/storage/document_store.ts";

/** A text story as the archive stores it (dates as `Date`). */
export function fullStory(overrides: Doc = {}): Doc {
  const when = new Date("2026-01-01T09:30:00Z");
  return {
    _id: "urn:newsml:localhost:2026-01-01T09:30:00:0a1b2c3d",
    guid: "urn:newsml:localhost:2026-01-01T09:30:00:0a1b2c3d",
    _current_version: 3,
    type: "text",
    state: "published",
    pubstatus: "usable",
    headline: "Budget <passes> & markets rise",
    slugline: "budget",
    byline: "Jane Doe",
    abstract: "<p>The budget passed <b>easily</b>.</p>",
    body_html:
      "<p>The budget&nbsp;passed on Tuesday.<br>Markets rose.<p>Unclosed <strong>bold<h2>Heading</h2>" +
      "<script>alert(1)</script><ul><li>one<li>two</ul>&copy; &#8364; &unknown;",
    subject: [{ qcode: "04000000", name: "economy, business and finance" }],
    anpa_category: [{ qcode: "f", name: "Finance" }],
    genre: [{ qcode: "Article", name: "Article (news)" }],
    place: [{ qcode: "NSW", name: "New South Wales" }],
    keywords: ["budget", "tax"],
    urgency: 2,
    priority: 3,
    language: "en",
    source: "AAP",
    ednote: "Embargoed until noon",
    sign_off: "jd/ab",
    copyrightholder: "AAP",
    copyrightnotice: "(c) AAP 2026",
    usageterms: "Internal use",
    dateline: { text: "SYDNEY, Jan 1 AAP -", located: { city: "Sydney", country: "Australia" } },
    firstcreated: when,
    versioncreated: new Date("2026-01-01T10:00:00Z"),
    firstpublished: new Date("2026-01-01T10:00:00Z"),
    embargo: new Date("2026-01-01T12:00:00Z"),
    ...overrides,
  };
}

/** A story with only what every item has. */
export function minimalStory(overrides: Doc = {}): Doc {
  return {
    _id: "urn:newsml:localhost:2026:minimal",
    guid: "urn:newsml:localhost:2026:minimal",
    _current_version: 1,
    type: "text",
    ...overrides,
  };
}

/** A format context for `subscriber`. */
export function contextFor(subscriber: Doc = { name: "Wire" }, codes: string[] = []) {
  return { subscriber, destination: { name: "d", format: "x" }, sequence: 42, codes };
}
