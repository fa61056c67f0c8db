/**
 * How Superdesk's content profile editor sees and saves a profile (`apps/content_types`):
 * `editView` fills in every default field (disabled when the profile does not use it), custom
 * vocabularies stored in `subject` as their own fields, and custom fields (`field_type`
 * vocabularies), so the form can list them all; `prepareSave` folds such a form back into the
 * stored shape: disabled fields become null, custom vocabularies go back into `subject`'s
 * `allowed`, `mandatory_in_list` and `default`, and `nullable` follows `required`.
 */
import type { Doc } from "../storage/document_store.ts";
import { DEFAULT_EDITOR, DEFAULT_SCHEMA } from "./default_profile.ts";

/** The vocabularies a profile's form depends on. */
export interface ProfileVocabularies {
  /** Every vocabulary that is not deleted. */
  all: Doc[];
}

/** Vocabularies with a special use that never appear in a profile. */
const HARDCODED = new Set(["languages"]);

/** Editor attributes the form may store; others are dropped on save. */
const EDITOR_ATTRIBUTES = new Set([
  "order",
  "sdWidth",
  "required",
  "readonly",
  "hideDate",
  "showCrops",
  "formatOptions",
  "editor3",
  "default",
  "cleanPastedHTML",
  "imageTitle",
  "sourceField",
  "section",
  "preview",
  "enabled",
  "field_name",
  "allow_toggling",
]);

const isCustomVocabulary = (cv: Doc) => cv.field_type == null && cv.service !== undefined;

/** Removes hidden vocabularies (`do not show`, `languages`) from `schema` and `editor`. */
export function cleanProfile(doc: Doc, vocabularies: ProfileVocabularies): void {
  const schema = dict(doc.schema);
  const editor = dict(doc.editor);
  const hidden = vocabularies.all
    .filter((cv) => isCustomVocabulary(cv) && cv.selection_type === "do not show")
    .map((cv) => String(cv.schema_field ?? cv._id));
  for (const field of [...hidden, ...HARDCODED]) {
    if (schema?.[field]) delete schema[field];
    if (editor?.[field]) delete editor[field];
  }
}

/** The profile as the editor form reads it (`GET content_types/<id>?edit=true`). */
export function editView(profile: Doc, vocabularies: ProfileVocabularies): Doc {
  const doc = structuredClone(profile);
  cleanProfile(doc, vocabularies);
  initDefaults(doc);
  const editor = doc.editor as Doc;
  const schema = doc.schema as Doc;
  const { fieldsMap, fieldNames } = customFields(vocabularies);
  initCustom(editor, schema, fieldsMap);
  expandSubject(editor, schema, fieldsMap);
  for (const [field, name] of Object.entries(fieldNames)) {
    if (editor[field] === null) continue;
    editor[field] = { ...dict(editor[field]), field_name: name };
  }
  initExtraFields(editor, schema, vocabularies);
  for (const key of ["editor", "schema"]) {
    doc[key] = Object.fromEntries(
      Object.entries(doc[key] as Doc).filter(([, value]) => value !== null),
    );
  }
  doc._updated = new Date();
  return doc;
}

/** Turns `updates` from the form into the stored shape (in place), given the stored profile. */
export function prepareSave(
  original: Doc,
  updates: Doc,
  vocabularies: ProfileVocabularies,
): void {
  const editor: Doc = updates.editor = { ...dict(updates.editor) };
  const schema: Doc = updates.schema = { ...dict(updates.schema) };
  const view = editView(original, vocabularies);
  for (const [key, value] of Object.entries(view.editor as Doc)) {
    if (!(key in editor)) editor[key] = value;
  }
  for (const [key, value] of Object.entries(view.schema as Doc)) {
    if (!(key in schema)) schema[key] = value;
  }
  for (const [field, value] of Object.entries(editor)) {
    if (!truthy(dict(value)?.enabled)) {
      editor[field] = null;
      schema[field] = null;
    }
  }
  const { fieldsMap } = customFields(vocabularies);
  for (const value of Object.values(editor)) {
    const entry = dict(value);
    if (!entry) continue;
    for (const attribute of Object.keys(entry)) {
      if (!EDITOR_ATTRIBUTES.has(attribute)) delete entry[attribute];
    }
  }
  for (const field of Object.values(fieldsMap)) {
    const defaults = dict(schema[field])?.default;
    if (Array.isArray(defaults)) {
      for (const value of defaults) if (dict(value)) value.scheme = field;
    }
  }
  composeSubject(schema, fieldsMap);
  if (!editor.subject && dict(schema.subject)) (schema.subject as Doc).required = false;
  for (const field of Object.keys(schema)) {
    const rules = dict(schema[field]);
    if (rules && truthy(editor[field]) && truthy(rules) && rules.required != null) {
      rules.nullable = !rules.required;
    }
  }
  for (const [stored, field] of Object.entries(fieldsMap)) {
    if (!(field in schema)) continue;
    if (stored !== field) schema[stored] = schema[field];
    delete schema[field];
  }
}

/** Fills the default fields: a profile without schema or editor gets the whole default. */
function initDefaults(doc: Doc): void {
  const editor = dict(doc.editor);
  const schema = dict(doc.schema);
  if (editor && schema && Object.keys(editor).length > 0 && Object.keys(schema).length > 0) {
    for (const [field, defaults] of Object.entries(DEFAULT_EDITOR)) {
      if (editor[field] == null) editor[field] = { ...structuredClone(defaults), enabled: false };
      else if (dict(editor[field])) (editor[field] as Doc).enabled ??= true;
      if (schema[field] == null) schema[field] = structuredClone(DEFAULT_SCHEMA[field]);
    }
    return;
  }
  doc.editor = structuredClone(DEFAULT_EDITOR);
  doc.schema = structuredClone(DEFAULT_SCHEMA);
}

/** Custom vocabularies shown as fields: stored field (or `subject`) → vocabulary id, and names. */
function customFields(vocabularies: ProfileVocabularies) {
  const fieldsMap: Record<string, string> = {};
  const fieldNames: Record<string, string> = {};
  for (const cv of vocabularies.all) {
    if (!isCustomVocabulary(cv) || cv.selection_type === "do not show") continue;
    const id = String(cv._id);
    if (id in DEFAULT_SCHEMA && !cv.schema_field) continue;
    if (HARDCODED.has(id)) continue;
    fieldsMap[String(cv.schema_field ?? id)] = id;
    fieldNames[id] = String(cv.display_name ?? id);
  }
  return { fieldsMap, fieldNames };
}

function initCustom(editor: Doc, schema: Doc, fieldsMap: Record<string, string>): void {
  for (const [stored, field] of Object.entries(fieldsMap)) {
    if (field !== stored) {
      if (dict(editor[field]) && Object.keys(editor[field] as Doc).length > 0) {
        (editor[field] as Doc).enabled = true;
      }
      replaceKey(editor, stored, field);
      replaceKey(schema, stored, field);
      continue;
    }
    schema[field] = { type: "list", required: false, readonly: false };
    const entry = dict(editor[field]);
    if (entry && Object.keys(entry).length > 0) {
      if (!("enabled" in entry)) entry.enabled = true;
    } else {
      editor[field] = { enabled: false };
    }
  }
}

function replaceKey(target: Doc, oldKey: string, newKey: string): void {
  if (truthy(target[oldKey])) {
    if (!truthy(target[newKey])) target[newKey] = structuredClone(target[oldKey]);
    delete target[oldKey];
  } else if (!truthy(target[newKey])) {
    target[newKey] = {};
  }
}

/** Spreads `subject`'s rules for custom vocabularies onto their own fields. */
function expandSubject(editor: Doc, schema: Doc, fieldsMap: Record<string, string>): void {
  const subjectField = fieldsMap.subject ?? "subject";
  const subject = dict(schema[subjectField]);
  if (!subject) return;
  const allowed = dict(dict(dict(subject.schema)?.schema)?.scheme)?.allowed;
  const mandatory = dict(dict(subject.mandatory_in_list)?.scheme) ?? {};
  const defaults = Array.isArray(subject.default) ? subject.default as Doc[] : [];
  subject.schema = {};
  for (const field of Array.isArray(allowed) ? allowed as string[] : []) {
    const entry = dict(editor[fieldsMap[field] ?? field]);
    if (entry) entry.enabled = true;
  }
  for (const [field, value] of Object.entries(mandatory)) {
    const target = fieldsMap[field] ?? field;
    if (typeof value === "string") {
      if (field === value || field === "subject") setOn(editor, schema, target, "required", true);
      setOn(editor, schema, target, "readonly", false);
    } else if (dict(value)) {
      const rules = value as Doc;
      if (rules.required || field === "subject") {
        setOn(editor, schema, target, "required", Boolean(rules.required));
      }
      if (rules.readonly || field === "subject") {
        setOn(editor, schema, target, "readonly", Boolean(rules.readonly));
      }
    }
  }
  for (const [stored, field] of Object.entries(fieldsMap)) {
    if ((field === stored || stored === "subject") && dict(schema[field])) {
      (schema[field] as Doc).default = defaults.filter((value) => value?.scheme === field);
    }
  }
}

function setOn(editor: Doc, schema: Doc, field: string, key: string, value: boolean): void {
  const editorEntry = dict(editor[field]);
  const schemaEntry = dict(schema[field]);
  if (!editorEntry || !schemaEntry) return;
  editorEntry[key] = value;
  schemaEntry[key] = value;
}

/** Custom fields (`field_type` vocabularies), disabled unless the profile enables them. */
function initExtraFields(editor: Doc, schema: Doc, vocabularies: ProfileVocabularies): void {
  for (const cv of vocabularies.all) {
    if (cv.field_type == null) continue;
    const id = String(cv._id);
    if (schema[id] == null) schema[id] = { type: cv.field_type, required: false };
    const entry = dict(editor[id]);
    if (entry && Object.keys(entry).length > 0) entry.enabled ??= true;
    else editor[id] = { enabled: false };
    (editor[id] as Doc).field_name = cv.display_name;
  }
}

/** Folds custom vocabulary fields back into `subject` (allowed, mandatory, default). */
function composeSubject(schema: Doc, fieldsMap: Record<string, string>): void {
  const mandatory: Doc = {};
  const allowed: string[] = [];
  const defaults: unknown[] = [];
  for (const [stored, field] of Object.entries(fieldsMap)) {
    const rules = dict(schema[field]);
    if ((stored === field || stored === "subject") && rules && truthy(rules)) {
      allowed.push(field);
      const required = Boolean(rules.required);
      const readonly = Boolean(rules.readonly);
      mandatory[stored] = required || readonly ? { required, readonly } : null;
      if (Array.isArray(rules.default) && rules.default.length > 0) defaults.push(...rules.default);
    } else {
      mandatory[stored] = null;
    }
  }
  if (allowed.length === 0) return;
  const subjectField = fieldsMap.subject ?? "subject";
  const current = dict(schema.subject);
  const required = current && "required" in current
    ? current.required
    : DEFAULT_SCHEMA.subject!.required;
  const readonly = current?.readonly ?? false;
  const subject = structuredClone(DEFAULT_SCHEMA.subject) as Doc;
  subject.default = defaults;
  (subject.mandatory_in_list as Doc).scheme = mandatory;
  ((subject.schema as Doc).schema as Doc).scheme = {
    ...(((subject.schema as Doc).schema as Doc).scheme as Doc),
    allowed,
  };
  if ("subject" in mandatory) {
    subject.required = mandatory.subject !== null;
  } else {
    subject.required = required;
    subject.readonly = readonly;
  }
  schema[subjectField] = subject;
}

function dict(value: unknown): Doc | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Doc
    : undefined;
}

/** Python's truthiness for the values a profile holds. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
