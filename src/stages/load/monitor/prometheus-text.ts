/**
 * A parser for the Prometheus text exposition format (0.0.4), lenient where servers differ harmlessly
 * (a trailing comma in labels, an OpenMetrics `# EOF` or exemplar) and strict about values, so a garbled
 * line is reported rather than read as 0.
 */

/** One sample line. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** As written (milliseconds in 0.0.4); absent when the line has none. */
  timestamp?: number;
}

/** A parsed page: its samples, the `# TYPE` of each family, and the lines that could not be read. */
export interface PromPage {
  samples: PromSample[];
  types: Record<string, string>;
  /** `line N: why`, one per malformed line; those lines are skipped. */
  errors: string[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INF = /^[+-]?inf(inity)?$/i;

/** Parses exposition text; never throws. */
export function parsePrometheusText(text: string): PromPage {
  const page: PromPage = { samples: [], types: {}, errors: [] };
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const type = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (type) page.types[type[1] as string] = type[2] as string;
      continue;
    }
    const parsed = parseSample(line);
    if (typeof parsed === 'string') page.errors.push(`line ${i + 1}: ${parsed}`);
    else page.samples.push(parsed);
  }
  return page;
}

/** The series key: the name and its labels sorted by name, values escaped as in the exposition. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  const pairs = names.map((l) => `${l}="${escapeLabelValue(labels[l] as string)}"`);
  return `${name}{${pairs.join(',')}}`;
}

/** Reads a sample value: decimal or exponent notation, ±Inf and NaN as Go's ParseFloat writes them. */
export function parseValue(token: string): number | undefined {
  if (FLOAT.test(token)) return Number(token);
  if (INF.test(token)) return token.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(token)) return Number.NaN;
  return undefined;
}

function parseSample(line: string): PromSample | string {
  const name = NAME.exec(line)?.[0];
  if (!name) return 'expected a metric name';
  let pos = name.length;
  // Blanks before `{` are allowed, as Prometheus' own text parser allows them.
  while (line[pos] === ' ' || line[pos] === '\t') pos++;
  let labels: Record<string, string> = {};
  if (line[pos] === '{') {
    const parsed = parseLabels(line, pos + 1);
    if (typeof parsed === 'string') return parsed;
    labels = parsed.labels;
    pos = parsed.end;
  } else if (pos === name.length && pos < line.length) {
    return `unexpected ${JSON.stringify(line[pos])} after the metric name`;
  }
  // An OpenMetrics exemplar (` # {trace_id="..."} 1`) follows the value; labels are already behind us.
  const rest = line.slice(pos).split(' #')[0]?.trim() ?? '';
  const [valueToken, timestampToken, extra] = rest.split(/\s+/);
  if (!valueToken) return `no value for ${name}`;
  const value = parseValue(valueToken);
  if (value === undefined) return `bad value ${JSON.stringify(valueToken)} for ${name}`;
  if (extra !== undefined) return `unexpected ${JSON.stringify(extra)} after the timestamp`;
  const sample: PromSample = { name, labels, value };
  if (timestampToken !== undefined) {
    const timestamp = FLOAT.test(timestampToken) ? Number(timestampToken) : undefined;
    if (timestamp === undefined) return `bad timestamp ${JSON.stringify(timestampToken)}`;
    sample.timestamp = timestamp;
  }
  return sample;
}

// Reads `a="x",b="y\"z"}` from `start` (just past the `{`); returns the labels and the index past `}`.
function parseLabels(line: string, start: number): { labels: Record<string, string>; end: number } | string {
  const labels: Record<string, string> = {};
  let pos = start;
  const skipSpace = () => {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
  };
  for (;;) {
    skipSpace();
    if (line[pos] === '}') return { labels, end: pos + 1 };
    const label = LABEL_NAME.exec(line.slice(pos))?.[0];
    if (!label) return `expected a label name at column ${pos + 1}`;
    pos += label.length;
    skipSpace();
    if (line[pos] !== '=') return `expected = after label ${label}`;
    pos++;
    skipSpace();
    if (line[pos] !== '"') return `expected a quoted value for label ${label}`;
    pos++;
    let value = '';
    for (;;) {
      const ch = line[pos];
      if (ch === undefined) return `unterminated value for label ${label}`;
      pos++;
      if (ch === '"') break;
      if (ch === '\\') {
        const next = line[pos];
        if (next === undefined) return `unterminated value for label ${label}`;
        pos++;
        // The format defines \\, \" and \n; keep any other pair as written rather than lose the line.
        value += next === 'n' ? '\n' : next === '\\' || next === '"' ? next : `\\${next}`;
      } else {
        value += ch;
      }
    }
    labels[label] = value;
    skipSpace();
    if (line[pos] === ',') pos++;
    else if (line[pos] !== '}') return `expected , or } after label ${label}`;
  }
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
