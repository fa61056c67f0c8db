/**
 * The vocabularies `app:initialize_data` creates when missing: those the web client needs to
 * author a story (categories, genre, urgency, priority, languages, locators ...), crop sizes
 * and replacements, and an empty `subjectcodes` where an administrator adds local codes to the
 * IPTC Subject NewsCodes the server ships. Edit them through the API (or the
 * client's Vocabularies settings); this list only seeds an empty system.
 */
import type { Doc } from "../../storage/document_store.ts";

const qcodeSchema = { name: {}, qcode: {} };

const items = (entries: Array<[string | number, string]>, extra: Doc = {}) =>
  entries.map(([qcode, name]) => ({ is_active: true, qcode, name, ...extra }));

/** The seeded vocabularies, by id. */
export const SEED_VOCABULARIES: readonly Doc[] = [
  {
    _id: "categories",
    display_name: "Categories",
    type: "manageable",
    selection_type: "multi selection",
    unique_field: "qcode",
    schema: qcodeSchema,
    items: items([
      ["d", "Domestic News"],
      ["i", "International News"],
      ["f", "Finance"],
      ["s", "Sport"],
      ["e", "Entertainment"],
      ["t", "Technology"],
    ]),
  },
  {
    _id: "default_categories",
    display_name: "Default Categories",
    type: "manageable",
    selection_type: "multi selection",
    unique_field: "qcode",
    schema: qcodeSchema,
    items: items([["d", "Domestic News"], ["i", "International News"]]),
  },
  {
    _id: "genre",
    display_name: "Genre",
    type: "manageable",
    selection_type: "multi selection",
    unique_field: "qcode",
    schema: qcodeSchema,
    items: items([
      ["Article", "Article (news)"],
      ["Sidebar", "Sidebar"],
      ["Feature", "Feature"],
      ["Analysis", "Analysis"],
      ["Opinion", "Opinion"],
      ["Interview", "Interview"],
      ["Review", "Review"],
      ["Obituary", "Obituary"],
      ["Factbox", "Fact Box"],
    ]),
  },
  {
    _id: "urgency",
    display_name: "Urgency",
    type: "manageable",
    selection_type: "single selection",
    unique_field: "qcode",
    schema: qcodeSchema,
    items: items([[1, "1"], [2, "2"], [3, "3"], [4, "4"], [5, "5"]]),
  },
  {
    _id: "priority",
    display_name: "Priority",
    type: "manageable",
    selection_type: "single selection",
    unique_field: "qcode",
    schema: qcodeSchema,
    items: items([
      [1, "Flash"],
      [2, "Urgent"],
      [3, "Three Paragraph"],
      [4, "Screen Finance"],
      [5, "Continuous News"],
      [6, "Ordinary"],
    ]),
  },
  {
    _id: "type",
    display_name: "Type",
    type: "unmanageable",
    selection_type: "multi selection",
    items: items([
      ["text", "Text"],
      ["preformatted", "Preformatted"],
      ["picture", "Picture"],
      ["graphic", "Graphic"],
      ["audio", "Audio"],
      ["video", "Video"],
      ["composite", "Package"],
    ]),
  },
  {
    _id: "languages",
    display_name: "Languages",
    type: "manageable",
    unique_field: "qcode",
    service: { all: 1 },
    schema: qcodeSchema,
    items: items([
      ["en", "English"],
      ["de", "German"],
      ["fr", "French"],
      ["es", "Spanish"],
      ["cs", "Czech"],
    ]),
  },
  {
    _id: "locators",
    display_name: "Locators",
    type: "manageable",
    selection_type: "multi selection",
    unique_field: "qcode",
    items: [
      ["Sydney", "Australia", "Oceania", "New South Wales"],
      ["London", "United Kingdom", "Europe", "England"],
      ["New York", "United States", "North America", "New York"],
      ["Prague", "Czechia", "Europe", "Prague"],
      ["Berlin", "Germany", "Europe", "Berlin"],
      ["Paris", "France", "Europe", "Île-de-France"],
    ].map(([name, country, region, state]) => ({
      is_active: true,
      qcode: name,
      name,
      group: "Cities",
      state,
      country,
      world_region: region,
    })),
  },
  {
    _id: "rightsinfo",
    display_name: "Copyrights",
    type: "manageable",
    selection_type: "do not show",
    items: [{
      is_active: true,
      name: "default",
      copyrightHolder: "",
      copyrightNotice: "",
      usageTerms: "",
    }],
  },
  {
    _id: "usageterms",
    display_name: "Usage terms",
    type: "manageable",
    selection_type: "single selection",
    items: items([
      ["no-restrictions", "No restrictions"],
      ["embargoed", "Embargoed"],
      ["not-for-resale", "Not for resale"],
    ]),
  },
  {
    _id: "crop_sizes",
    display_name: "Image Crop Sizes",
    type: "manageable",
    selection_type: "do not show",
    unique_field: "name",
    items: [
      { is_active: true, name: "4-3", ratio: "4:3" },
      { is_active: true, name: "16-9", ratio: "16:9" },
    ],
  },
  {
    _id: "replace_words",
    display_name: "Replace words",
    type: "manageable",
    selection_type: "do not show",
    items: [],
  },
  {
    _id: "desk_types",
    display_name: "Desk Types",
    type: "unmanageable",
    selection_type: "do not show",
    items: items([["authoring", "Authoring"], ["production", "Production"]]),
  },
  {
    _id: "annotation_types",
    display_name: "Annotation Types",
    type: "manageable",
    selection_type: "do not show",
    items: items([["remark", "Remark"], ["regulation", "Regulation"]]),
  },
  {
    _id: "author_roles",
    display_name: "Author Roles",
    type: "manageable",
    selection_type: "do not show",
    items: items([["writer", "Writer"], ["editor", "Editor"], ["photographer", "Photographer"]]),
  },
  {
    _id: "job_titles",
    display_name: "Job Titles",
    type: "manageable",
    selection_type: "do not show",
    items: items([
      ["reporter", "Reporter"],
      ["editor", "Editor"],
      ["sub-editor", "Sub-editor"],
      ["photographer", "Photographer"],
      ["correspondent", "Correspondent"],
    ]),
  },
  {
    _id: "subjectcodes",
    display_name: "Subject Codes",
    description:
      "Codes added to the IPTC Subject NewsCodes offered for the subject field, or new names for theirs",
    type: "manageable",
    selection_type: "do not show",
    unique_field: "qcode",
    schema: qcodeSchema,
    items: [],
  },
];
