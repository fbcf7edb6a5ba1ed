/**
 * A strict parser of the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), written for the export tests: it throws
 * on any line the spec does not allow, on a TYPE after its samples or given twice, on a family split in
 * two groups, on a repeated series, and on summary samples without a quantile or with a foreign suffix.
 */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface PromFamily {
  name: string;
  type: string;
  help?: string;
  samples: PromSample[];
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseFloatGo(s: string, where: string): number {
  if (s === 'NaN') return Number.NaN;
  if (s === '+Inf' || s === 'Inf') return Number.POSITIVE_INFINITY;
  if (s === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s))
    throw new Error(`${where}: bad value ${JSON.stringify(s)}`);
  return Number(s);
}

/** The family a sample name belongs to, given the declared types (summary/histogram suffixes). */
function familyOf(name: string, types: Map<string, string>): string {
  for (const suffix of ['_sum', '_count', '_bucket']) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const t = types.get(base);
    if ((t === 'summary' && suffix !== '_bucket') || t === 'histogram') return base;
  }
  return name;
}

function parseLabels(text: string, where: string): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1; // after '{'
  for (;;) {
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (!m) throw new Error(`${where}: bad label name at ${JSON.stringify(text.slice(i))}`);
    const name = m[0];
    i += name.length;
    if (text[i] !== '=' || text[i + 1] !== '"') throw new Error(`${where}: expected ="after label ${name}`);
    i += 2;
    let value = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined) throw new Error(`${where}: unterminated label value`);
      if (ch === '"') break;
      if (ch === '\n') throw new Error(`${where}: raw line feed in label value`);
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else throw new Error(`${where}: bad escape \\${next} in label value`);
        i += 2;
        continue;
      }
      value += ch;
      i++;
    }
    i++; // closing quote
    if (!LABEL.test(name) || name.startsWith('__'))
      throw new Error(`${where}: reserved or bad label ${name}`);
    if (name in labels) throw new Error(`${where}: label ${name} twice`);
    labels[name] = value;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`${where}: expected , or } after label ${name}`);
  }
}

/** Parses exposition text; throws with the line number on the first violation. */
export function parsePrometheus(text: string): PromFamily[] {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the last line must end with a line feed');
  const types = new Map<string, string>();
  const families = new Map<string, PromFamily>();
  const closed = new Set<string>();
  const series = new Set<string>();
  let current: string | undefined;
  const enter = (name: string, where: string) => {
    if (current === name) return;
    if (closed.has(name)) throw new Error(`${where}: family ${name} is split into two groups`);
    if (current) closed.add(current);
    current = name;
  };
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, n) => {
    const where = `line ${n + 1}`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
      if (!m) return; // a plain comment
      const [, kw, name = '', rest = ''] = m;
      if (!METRIC.test(name)) throw new Error(`${where}: bad metric name ${name}`);
      enter(name, where);
      const fam = families.get(name) ?? { name, type: 'untyped', samples: [] };
      families.set(name, fam);
      if (kw === 'TYPE') {
        if (types.has(name)) throw new Error(`${where}: second TYPE for ${name}`);
        if (fam.samples.length > 0) throw new Error(`${where}: TYPE of ${name} after its samples`);
        if (!TYPES.has(rest)) throw new Error(`${where}: unknown type ${rest}`);
        types.set(name, rest);
        fam.type = rest;
      } else {
        if (fam.help !== undefined) throw new Error(`${where}: second HELP for ${name}`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) throw new Error(`${where}: bad escape in HELP`);
        fam.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      }
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(.*)$/.exec(line);
    if (!m) throw new Error(`${where}: not a sample: ${JSON.stringify(line)}`);
    const name = m[1] as string;
    let rest = m[2] as string;
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, where));
    const parts = rest.trim().split(/[ \t]+/);
    if (!/^[ \t]/.test(rest) || parts.length < 1 || parts.length > 2)
      throw new Error(`${where}: expected " value [timestamp]" after the labels`);
    const value = parseFloatGo(parts[0] as string, where);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`${where}: bad timestamp`);
    const familyName = familyOf(name, types);
    enter(familyName, where);
    const fam = families.get(familyName) ?? { name: familyName, type: 'untyped', samples: [] };
    families.set(familyName, fam);
    if (fam.type === 'summary' && name === familyName && labels.quantile === undefined)
      throw new Error(`${where}: summary sample without a quantile label`);
    if (fam.type !== 'summary' && fam.type !== 'histogram' && name !== familyName)
      throw new Error(`${where}: sample ${name} in family ${familyName}`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) throw new Error(`${where}: series repeated: ${key}`);
    series.add(key);
    fam.samples.push({ name, labels, value });
  });
  return [...families.values()];
}
