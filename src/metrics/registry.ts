/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format for `GET /metrics`. One registry per process, created by the CLI and
 * passed down (no module-level singleton).
 */

import { within } from "../deadline.ts";

/** Label names to values. */
export type Labels = Record<string, string>;

/** The labels of an unlabelled series: one shared object, so its key is built once. */
const NO_LABELS: Labels = Object.freeze({});

/** A monotonically increasing count. */
export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** The series of `labels`, resolved once (for hot paths that count the same series often). */
  series(labels: Labels): CounterSeries;
}

/** One labelled series of a counter. */
export interface CounterSeries {
  inc(by?: number): void;
}

/** A value that goes up and down. */
export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

/** Observations counted into cumulative buckets. */
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** The series of `labels`, resolved once (for hot paths that observe the same series often). */
  series(labels: Labels): HistogramSeries;
}

/** One labelled series of a histogram. */
export interface HistogramSeries {
  observe(value: number): void;
}

/** The state of one histogram series. */
interface HistogramState {
  buckets: number[];
  sum: number;
  count: number;
}

/** Seconds; suits HTTP latencies from 1 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Kind = "counter" | "gauge" | "histogram";

interface Family {
  kind: Kind;
  help: string;
  /** Counter and gauge values by label key. */
  values: Map<string, number>;
  /** Histogram state by label key. */
  histograms: Map<string, HistogramState>;
  buckets: number[];
  /** Called before rendering, for values read on demand (memory, queue depth). */
  collect?: (gauge: Gauge) => void | Promise<void>;
}

/** Holds every metric family of the process. */
export class MetricsRegistry {
  #families = new Map<string, Family>();

  /** A counter; with `collect`, its values are read on demand from where they are kept. */
  counter(name: string, help: string, collect?: (counter: Gauge) => void | Promise<void>): Counter {
    const family = this.#family(name, "counter", help);
    family.collect = collect;
    return {
      inc: (labels = NO_LABELS, by = 1) => add(family, labels, by),
      series(labels) {
        const key = formatLabels(labels);
        return {
          inc(by = 1) {
            family.values.set(key, (family.values.get(key) ?? 0) + by);
          },
        };
      },
    };
  }

  gauge(name: string, help: string, collect?: (gauge: Gauge) => void | Promise<void>): Gauge {
    const family = this.#family(name, "gauge", help);
    family.collect = collect;
    return gaugeOf(family);
  }

  histogram(name: string, help: string, buckets = DEFAULT_BUCKETS): Histogram {
    const family = this.#family(name, "histogram", help);
    family.buckets = [...buckets].sort((a, b) => a - b);
    const stateOf = (key: string) => {
      let state = family.histograms.get(key);
      if (!state) {
        state = { buckets: family.buckets.map(() => 0), sum: 0, count: 0 };
        family.histograms.set(key, state);
      }
      return state;
    };
    return {
      observe(value, labels = NO_LABELS) {
        record(family.buckets, stateOf(labelKey(labels)), value);
      },
      series(labels) {
        // The state is created on first observation, so an unobserved series renders nothing.
        const key = formatLabels(labels);
        let state: HistogramState | undefined;
        return {
          observe(value) {
            record(family.buckets, state ??= stateOf(key), value);
          },
        };
      },
    };
  }

  /** Renders every family in the Prometheus text format (version 0.0.4). */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, family] of this.#families) {
      // A failing or slow collector (its source may be down, e.g. Redis) keeps its last values,
      // so /metrics still answers.
      if (family.collect) {
        const collected = Promise.resolve(family.collect(gaugeOf(family))).catch(() => {});
        await within(collected, COLLECT_TIMEOUT_MS);
      }
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.kind}`);
      if (family.kind === "histogram") {
        for (const [key, state] of family.histograms) {
          family.buckets.forEach((bound, i) => {
            lines.push(`${name}_bucket${withLabel(key, "le", String(bound))} ${state.buckets[i]}`);
          });
          lines.push(`${name}_bucket${withLabel(key, "le", "+Inf")} ${state.count}`);
          lines.push(`${name}_sum${braces(key)} ${state.sum}`);
          lines.push(`${name}_count${braces(key)} ${state.count}`);
        }
      } else {
        for (const [key, value] of family.values) lines.push(`${name}${braces(key)} ${value}`);
      }
    }
    return lines.join("\n") + "\n";
  }

  #family(name: string, kind: Kind, help: string): Family {
    const existing = this.#families.get(name);
    if (existing) {
      if (existing.kind !== kind) throw new Error(`Metric "${name}" is a ${existing.kind}`);
      return existing;
    }
    const family: Family = { kind, help, values: new Map(), histograms: new Map(), buckets: [] };
    this.#families.set(name, family);
    return family;
  }
}

/** How long one collector may take. */
const COLLECT_TIMEOUT_MS = 1000;

function gaugeOf(family: Family): Gauge {
  return {
    set: (value, labels = NO_LABELS) => void family.values.set(labelKey(labels), value),
    inc: (labels = NO_LABELS, by = 1) => add(family, labels, by),
    dec: (labels = NO_LABELS, by = 1) => add(family, labels, -by),
  };
}

/** Counts `value` into `state`'s buckets (ascending `bounds`). */
function record(bounds: readonly number[], state: HistogramState, value: number): void {
  for (let i = bounds.length - 1; i >= 0 && value <= bounds[i]!; i--) state.buckets[i]! += 1;
  state.sum += value;
  state.count += 1;
}

function add(family: Family, labels: Labels, by: number) {
  const key = labelKey(labels);
  family.values.set(key, (family.values.get(key) ?? 0) + by);
}

const labelKeys = new WeakMap<Labels, string>();

/**
 * Canonical `a="1",b="2"` form, sorted by name, values escaped. Remembered for frozen label
 * objects, so a hot path that reuses its labels (the HTTP middleware) builds each key once while
 * one-off literals leave nothing behind.
 */
function labelKey(labels: Labels): string {
  if (!Object.isFrozen(labels)) return formatLabels(labels);
  let key = labelKeys.get(labels);
  if (key === undefined) labelKeys.set(labels, key = formatLabels(labels));
  return key;
}

function formatLabels(labels: Labels): string {
  return Object.keys(labels).sort().map((name) => `${name}="${escape(labels[name]!)}"`).join(",");
}

function escape(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

function braces(key: string): string {
  return key ? `{${key}}` : "";
}

function withLabel(key: string, name: string, value: string): string {
  return `{${key ? key + "," : ""}${name}="${value}"}`;
}
