/**
 * Evaluating one filter condition against an item (Superdesk's `FilterCondition.does_match`,
 * `apps/content_filters/filter_condition/`): the field's value (qcodes of `subject`,
 * `anpa_category`, `genre`, `place`; `task.desk`/`task.stage` for `desk`/`stage`; text of the
 * other fields), the operator (`in`, `nin`, `like`, `notlike`, `startswith`, `endswith`,
 * `match`, `eq`, `ne`, `lt`, `lte`, `gt`, `gte`, `exists`), case-insensitive as Superdesk's, and a
 * missing field matching only the negative operators.
 */

/** A stored filter condition. */
export interface FilterCondition {
  field: string;
  operator: string;
  value: unknown;
}

/** The operators Superdesk defines. */
export const FILTER_OPERATORS = [
  "in",
  "nin",
  "like",
  "notlike",
  "startswith",
  "endswith",
  "match",
  "eq",
  "ne",
  "lt",
  "lte",
  "gt",
  "gte",
  "exists",
] as const;

type Item = Record<string, unknown>;

const QCODE_LISTS = new Set(["subject", "anpa_category", "genre", "place"]);
const NUMERIC = new Set(["urgency", "priority"]);

/** True when `item` satisfies `condition`. */
export function conditionMatches(condition: FilterCondition, item: Item): boolean {
  const { field, operator } = condition;
  const raw = String(condition.value ?? "");
  const present = isPresent(field, item);
  if (operator === "exists") {
    return present === ["yes", "true", "t", "1"].includes(raw.toLowerCase());
  }
  if (!present) {
    return operator === "nin" || operator === "notlike" || operator === "ne" ||
      (operator === "eq" && ["no", "false", "f", "0"].includes(raw.toLowerCase()));
  }
  const value = fieldValue(field, item);
  const values = (Array.isArray(value) ? value : [value]).map((v) => String(v).toLowerCase());
  const wanted = raw.split(",").map((v) => v.trim().toLowerCase());
  switch (operator) {
    case "in":
    case "match":
      return values.some((v) => wanted.includes(v));
    case "nin":
      return values.every((v) => !wanted.includes(v));
    case "like":
    case "notlike":
    case "startswith":
    case "endswith": {
      const pattern = escape(raw.toLowerCase());
      const regex = new RegExp(
        operator === "startswith"
          ? `^${pattern}`
          : operator === "endswith"
          ? `${pattern}$`
          : pattern,
        "i",
      );
      const found = values.some((v) => regex.test(v));
      return operator === "notlike" ? !found : found;
    }
    default:
      return compare(operator, Array.isArray(value) ? value[0] : value, raw, field);
  }
}

function compare(operator: string, actual: unknown, raw: string, field: string): boolean {
  let left: number | string;
  let right: number | string;
  if (
    NUMERIC.has(field) ||
    (typeof actual === "number" && raw.trim() !== "" && !Number.isNaN(Number(raw)))
  ) {
    left = Number(actual);
    right = Number(raw);
    if (Number.isNaN(left) || Number.isNaN(right)) return false;
  } else {
    left = String(actual).trim().toLowerCase();
    right = raw.trim().toLowerCase();
  }
  switch (operator) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "lt":
      return left < right;
    case "lte":
      return left <= right;
    case "gt":
      return left > right;
    case "gte":
      return left >= right;
    default:
      return false;
  }
}

function isPresent(field: string, item: Item): boolean {
  if (field === "desk" || field === "stage") {
    const task = item.task as Item | undefined;
    return Boolean(task && task[field] !== undefined && task[field] !== null);
  }
  if (field === "sms") {
    return Boolean((item.flags as Item | undefined)?.marked_for_sms !== undefined);
  }
  return item[field] !== undefined && item[field] !== null;
}

function fieldValue(field: string, item: Item): unknown {
  if (field === "desk" || field === "stage") return String((item.task as Item)[field]);
  if (field === "sms") return String((item.flags as Item).marked_for_sms);
  const value = item[field];
  if (QCODE_LISTS.has(field) && Array.isArray(value)) {
    return value.map((entry) => (entry as Item)?.qcode).filter((qcode) => qcode !== undefined);
  }
  if (typeof value === "string") return htmlText(value).trim();
  return value;
}

/** The text of an HTML fragment (tags dropped, common entities decoded). */
function htmlText(html: string): string {
  if (!html.includes("<") && !html.includes("&")) return html;
  return html.replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " ").replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
