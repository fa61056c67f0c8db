/**
 * Agency-style feeds for `bench:ingest`: NewsML G2 messages and NINJS API pages of generated
 * stories (realistic size: headline, slugline, subjects, a five-paragraph XHTML body), with a
 * run-specific guid prefix so each round ingests new items.
 */

const SUBJECTS = ["04000000", "11000000", "15000000", "17000000"];

function paragraphs(n: number): string[] {
  return Array.from(
    { length: 5 },
    (_, p) =>
      `Paragraph ${p + 1} of story ${n}: officials said on Tuesday that the measures would take ` +
      `effect next month, after weeks of talks between unions, employers and the government.`,
  );
}

/** One NewsML G2 `newsMessage` holding stories `from` … `from + count - 1`. */
export function newsmlMessage(prefix: string, from: number, count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const subject = SUBJECTS[n % SUBJECTS.length];
    return `<newsItem guid="tag:bench.example,2026:${prefix}:${n}" version="1" standard="NewsML-G2">
<itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-01-06T09:30:00Z</versionCreated><firstCreated>2026-01-06T09:00:00Z</firstCreated><pubStatus qcode="stat:usable"/></itemMeta>
<contentMeta><urgency>3</urgency><subject qcode="subj:${subject}"/><slugline>BENCH-${n}</slugline><headline>Bench story ${n} on measures taking effect</headline><by>Bench Reporter</by><language tag="en"/></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${
      paragraphs(n).map((p) => `<p>${p}</p>`).join("")
    }</body></html></inlineXML></contentSet>
</newsItem>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><priority>5</priority></header>
<itemSet>${items.join("\n")}</itemSet></newsMessage>`;
}

/** One NINJS API page of stories, linking the next page when there is one. */
export function ninjsPage(prefix: string, from: number, count: number, next?: string): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      guid: `urn:bench:${prefix}:${n}`,
      type: "text",
      version: 1,
      versioncreated: "2026-01-06T09:30:00+0000",
      urgency: 3,
      headline: `Bench story ${n} on measures taking effect`,
      slugline: `BENCH-${n}`,
      subject: [{ code: SUBJECTS[n % SUBJECTS.length], name: "subject" }],
      body_html: paragraphs(n).map((p) => `<p>${p}</p>`).join(""),
    };
  });
  return JSON.stringify({ _items: items, _links: next ? { next: { href: next } } : {} });
}
