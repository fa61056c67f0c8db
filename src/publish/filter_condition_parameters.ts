/**
 * What a filter condition may test (Superdesk's `FilterConditionParametersService` and the
 * `field` rule of `FilterConditionResource`): each field with its label and operators, and for
 * fields with a fixed set of values those values (vocabulary items, desks, stages, ingest
 * providers) and the key a condition's value names (`value_field`). Manageable vocabularies are
 * fields too: a text vocabulary (`field_type: text`, tested in `extra`) with the text operators,
 * a vocabulary of codes (tested in `subject` by its `scheme`) with `in` and `nin`.
 */
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { activeItems } from "../content/vocabulary_items.ts";
import { subjectCodes } from "../content/subject_codes.ts";

/** Superdesk's `default_allowed_filters`, with our `language` (see README, Publishing). */
export const DEFAULT_FIELDS = [
  "anpa_category",
  "urgency",
  "keywords",
  "priority",
  "slugline",
  "type",
  "source",
  "headline",
  "ednote",
  "body_html",
  "genre",
  "subject",
  "desk",
  "stage",
  "sms",
  "place",
  "ingest_provider",
  "embargo",
  "featuremedia",
  "anpa_take_key",
  "agendas",
  "language",
] as const;

const ORDERED = ["in", "nin", "eq", "ne", "lt", "lte", "gt", "gte"];
const TEXT = ["in", "nin", "eq", "ne", "like", "notlike", "startswith", "endswith"];
const CHOICE = ["in", "nin", "eq", "ne"];

/** A field as the parameters list shows it; `values` names where its values come from. */
interface FieldParameter {
  field: string;
  label?: string;
  operators: string[];
  values?: keyof FieldValues;
  value_field?: string;
}

/** Superdesk's list, in its order. */
const FIELDS: readonly FieldParameter[] = [
  {
    field: "anpa_category",
    label: "ANPA Category",
    operators: ["in", "nin"],
    values: "anpa_category",
    value_field: "qcode",
  },
  {
    field: "urgency",
    label: "Urgency",
    operators: ORDERED,
    values: "urgency",
    value_field: "qcode",
  },
  {
    field: "genre",
    label: "Genre",
    operators: ["in", "nin"],
    values: "genre",
    value_field: "qcode",
  },
  {
    field: "subject",
    label: "Subject",
    operators: ["in", "nin"],
    values: "subject",
    value_field: "qcode",
  },
  {
    field: "priority",
    label: "Priority",
    operators: ORDERED,
    values: "priority",
    value_field: "qcode",
  },
  { field: "keywords", label: "Keywords", operators: ["in", "nin"] },
  { field: "slugline", label: "Slugline", operators: TEXT },
  { field: "type", label: "Type", operators: CHOICE, values: "type", value_field: "qcode" },
  { field: "source", label: "Source", operators: TEXT },
  { field: "headline", label: "Headline", operators: TEXT },
  { field: "ednote", label: "Ednote", operators: TEXT },
  {
    field: "body_html",
    label: "Body HTML",
    operators: ["in", "nin", "like", "notlike", "startswith", "endswith"],
  },
  { field: "desk", label: "Desk", operators: CHOICE, values: "desk", value_field: "_id" },
  { field: "stage", label: "Stage", operators: CHOICE, values: "stage", value_field: "_id" },
  { field: "sms", label: "SMS", operators: CHOICE, values: "sms", value_field: "name" },
  {
    field: "place",
    label: "Place",
    operators: ["match", "in", "nin"],
    values: "place",
    value_field: "qcode",
  },
  {
    field: "ingest_provider",
    label: "Ingest provider",
    operators: ["eq", "ne"],
    values: "ingest_provider",
    value_field: "_id",
  },
  {
    field: "embargo",
    label: "Embargo",
    operators: ["eq", "ne"],
    values: "embargo",
    value_field: "name",
  },
  {
    field: "featuremedia",
    label: "Feature Media",
    operators: ["exists"],
    values: "featuremedia",
    value_field: "name",
  },
  { field: "anpa_take_key", operators: TEXT },
  { field: "language", label: "Language", operators: TEXT },
];

/** Vocabularies that are fields of their own above, not vocabulary fields. */
const OWN_VALUES = [
  "anpa_category",
  "urgency",
  "genre",
  "subject",
  "priority",
  "type",
  "desk",
  "stage",
  "sms",
  "place",
  "ingest_provider",
  "embargo",
  "featuremedia",
];

interface FieldValues {
  anpa_category: Doc[];
  urgency: Doc[];
  genre: Doc[];
  subject: Doc[];
  priority: Doc[];
  type: Doc[];
  desk: Doc[];
  stage: Doc[];
  sms: Doc[];
  place: Doc[];
  ingest_provider: Doc[];
  embargo: Doc[];
  featuremedia: Doc[];
}

const TRUE_FALSE = [{ qcode: 0, name: "False" }, { qcode: 1, name: "True" }];

/** The manageable vocabularies that are filter condition fields. */
async function vocabularyFields(documents: DocumentStore): Promise<Doc[]> {
  const vocabularies = await documents.collection("vocabularies").find({
    type: "manageable",
    _id: { $nin: [...DEFAULT_FIELDS, ...OWN_VALUES] },
    _deleted: { $ne: true },
  });
  return vocabularies.filter((v) => !v.field_type || v.field_type === "text");
}

/** Every field a condition may test, with its operators (no values: for checks). */
export async function fieldOperators(documents: DocumentStore): Promise<Map<string, string[]>> {
  const fields = new Map(FIELDS.map((f) => [f.field, f.operators]));
  for (const vocabulary of await vocabularyFields(documents)) {
    fields.set(String(vocabulary._id), vocabulary.field_type === "text" ? TEXT : ["in", "nin"]);
  }
  return fields;
}

/**
 * The fields a condition's `field` may name (Superdesk's `_init_allowed_filters`): the default
 * ones and every manageable vocabulary.
 */
export async function allowedFields(documents: DocumentStore): Promise<Set<string>> {
  const vocabularies = await documents.collection("vocabularies").find(
    { type: "manageable", _deleted: { $ne: true } },
    { projection: { _id: 1 } },
  );
  return new Set<string>([...DEFAULT_FIELDS, ...vocabularies.map((v) => String(v._id))]);
}

/** `GET /api/filter_conditions/parameters`: every field with its operators and values. */
export async function filterConditionParameters(documents: DocumentStore): Promise<Doc[]> {
  const values = await fieldValues(documents);
  const listed: Doc[] = FIELDS.map(({ values: from, ...field }) =>
    from ? { ...field, values: values[from] } : { ...field }
  );
  for (const vocabulary of await vocabularyFields(documents)) {
    const field: Doc = { field: vocabulary._id, label: vocabulary.display_name };
    if (vocabulary.field_type === "text") field.operators = TEXT;
    else {Object.assign(field, {
        values: vocabulary.items ?? [],
        operators: ["in", "nin"],
        value_field: "qcode",
      });}
    listed.push(field);
  }
  return listed;
}

/** Superdesk's `_get_field_values`. */
async function fieldValues(documents: DocumentStore): Promise<FieldValues> {
  const vocabularies = documents.collection("vocabularies");
  const live = (filter: Doc) => ({ $and: [filter, { _deleted: { $ne: true } }] });
  const items = async (filter: Doc) =>
    ((await vocabularies.findOne(live(filter)))?.items ?? []) as Doc[];
  const [desks, stages, providers, subjects, codes] = await Promise.all([
    documents.collection("desks").find({}, { sort: [["name", 1]] }),
    documents.collection("stages").find({}),
    documents.collection("ingest_providers").find({}, { projection: { config: 0 } }),
    vocabularies.findOne(live({ schema_field: "subject" })),
    vocabularies.findOne(live({ _id: "subjectcodes" })),
  ]);
  const deskNames = new Map(desks.map((desk) => [String(desk._id), desk.name]));
  return {
    anpa_category: await items({ _id: "categories" }),
    genre: await items({ $or: [{ schema_field: "genre" }, { _id: "genre" }] }),
    urgency: await items({ _id: "urgency" }),
    priority: await items({ _id: "priority" }),
    type: await items({ _id: "type" }),
    subject: subjects ? (subjects.items ?? []) as Doc[] : subjectCodes(activeItems(codes)),
    desk: desks,
    // A stage is named after its desk; one without a desk is left out.
    stage: stages.filter((stage) => deskNames.has(String(stage.desk))).map((stage) => ({
      ...stage,
      name: `${deskNames.get(String(stage.desk))}: ${stage.name}`,
    })),
    sms: TRUE_FALSE,
    place: await items({ $or: [{ schema_field: "place" }, { _id: "place" }, { _id: "locators" }] }),
    ingest_provider: providers,
    embargo: TRUE_FALSE,
    featuremedia: [{ qcode: 1, name: "True" }, { qcode: 0, name: "False" }],
  };
}
