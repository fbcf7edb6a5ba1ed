/** A comparison for a person: a console table and a Markdown body for a pull-request comment. */
import pc from 'picocolors';
import type { CompareVerdict } from '../../metrics/compare/verdict.js';
import { mdInline, mdRow } from '../markdown-text.js';
import { sanitizeLine } from '../sanitize.js';
import { renderTable } from '../table.js';
import type { Comparison, MetricComparison } from './compare.js';

const num = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '-');
const signed = (v: number, d = 1) => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(d)}` : '-');

/** The metric's name as shown: `stage level metric`, with the target when the runs have several. */
function metricName(m: MetricComparison, withTarget: boolean): string {
  return [withTarget ? m.target : '', m.stage, m.level ?? '', m.metric].filter(Boolean).join(' ');
}

function value(m: MetricComparison, v: number): string {
  return m.unit === 'ms' ? `${num(v)} ms` : `${num(v * 100)}%`;
}

function delta(m: MetricComparison): string {
  if (m.unit === 'ms') {
    const rel = m.base > 0 ? ` (${signed((m.delta / m.base) * 100, 0)}%)` : '';
    return `${signed(m.delta)} ms${rel} [${signed(m.low)}, ${signed(m.high)}]`;
  }
  return `${signed(m.delta * 100)} pts [${signed(m.low * 100)}, ${signed(m.high * 100)}]`;
}

const pValue = (p: number) => (!Number.isFinite(p) ? '-' : p < 1e-4 ? '<0.0001' : p.toFixed(4));

function title(c: Comparison): string {
  const side = (s: Comparison['base']) => (s.target ? `${s.target} (${s.runId})` : s.runId);
  return `${side(c.current)} against ${side(c.base)}`;
}

function headline(c: Comparison): string {
  const n = c.counts;
  return `${c.verdict.toUpperCase()}: ${n.regressed} regressed, ${n.improved} improved, ${n.unchanged} unchanged, ${n.inconclusive} inconclusive (alpha ${c.alpha}, Holm-corrected)`;
}

const manyTargets = (c: Comparison) => !c.base.target && new Set(c.metrics.map((m) => m.target)).size > 1;

/** The console text of a comparison. */
export function renderConsole(c: Comparison, color: boolean): string {
  const colors = pc.createColors(color);
  const paint: Record<CompareVerdict, (s: string) => string> = {
    regressed: colors.red,
    improved: colors.green,
    unchanged: (s) => s,
    inconclusive: colors.yellow,
  };
  const withTarget = manyTargets(c);
  const lines = [colors.bold(`Comparing ${sanitizeLine(title(c))}`), ''];
  if (c.metrics.length === 0) {
    lines.push('No comparable metrics: neither run has load histograms or eval cases in common.');
  } else {
    lines.push(
      ...renderTable(
        [
          { header: 'metric' },
          { header: 'base', align: 'right' },
          { header: 'current', align: 'right' },
          { header: 'delta [CI]', align: 'right' },
          { header: 'p (adj)', align: 'right' },
          { header: 'verdict' },
        ],
        c.metrics.map((m) => [
          sanitizeLine(metricName(m, withTarget)),
          value(m, m.base),
          value(m, m.current),
          delta(m),
          pValue(m.adjustedP),
          paint[m.verdict](m.verdict) + (m.note ? colors.dim(` (${sanitizeLine(m.note)})`) : ''),
        ]),
        colors.dim,
      ),
    );
  }
  if (c.checks.length > 0) {
    lines.push('', 'Checks that changed status:');
    for (const ch of c.checks) {
      lines.push(
        `  ${sanitizeLine(ch.id)} (${sanitizeLine(ch.target)}): ${ch.base ?? 'absent'} -> ${ch.current ?? 'absent'}`,
      );
    }
  }
  if (c.unmatched.length > 0)
    lines.push('', `Not compared (no counterpart): ${sanitizeLine(c.unmatched.join('; '))}`);
  lines.push('', paint[c.verdict](headline(c)), '');
  return lines.join('\n');
}

const ICON: Record<CompareVerdict, string> = {
  regressed: '🔴 regressed',
  improved: '🟢 improved',
  unchanged: '⚪ unchanged',
  inconclusive: '🟡 inconclusive',
};

/** Where `run --baseline` keeps the comparison inside the run directory. */
export const COMPARISON_JSON = 'comparison.json';
export const COMPARISON_MD = 'comparison.md';

/** The Markdown of a comparison, for a pull-request comment. */
export function renderMarkdown(c: Comparison): string {
  const withTarget = manyTargets(c);
  const out = [`### Gauntlet comparison: ${mdInline(title(c))}`, '', `**${mdInline(headline(c))}**`, ''];
  if (c.metrics.length > 0) {
    out.push(mdRow(['metric', 'base', 'current', 'delta [CI]', 'p (adj)', 'verdict']));
    out.push(mdRow(['---', '---:', '---:', '---:', '---:', '---']));
    for (const m of c.metrics) {
      out.push(
        mdRow([
          mdInline(metricName(m, withTarget)),
          value(m, m.base),
          value(m, m.current),
          mdInline(delta(m)),
          mdInline(pValue(m.adjustedP)),
          ICON[m.verdict],
        ]),
      );
    }
    out.push('');
  }
  if (c.checks.length > 0) {
    out.push('**Checks that changed status**', '');
    for (const ch of c.checks) {
      out.push(
        `- ${mdInline(ch.id)} (${mdInline(ch.target)}): ${ch.base ?? 'absent'} → ${ch.current ?? 'absent'}`,
      );
    }
    out.push('');
  }
  if (c.summaryDeltas.length > 0) {
    out.push('<details><summary>Every summarized metric (untested deltas)</summary>', '');
    out.push(mdRow(['metric', 'tags', 'stat', 'base', 'current', 'delta']));
    out.push(mdRow(['---', '---', '---', '---:', '---:', '---:']));
    for (const d of c.summaryDeltas) {
      const tags = Object.entries(d.tags)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ');
      out.push(
        mdRow([
          mdInline(d.name),
          mdInline(tags),
          d.stat,
          num(d.base, 3),
          num(d.current, 3),
          signed(d.delta, 3),
        ]),
      );
    }
    out.push('', '</details>', '');
  }
  out.push(
    `<sub>Latency: median difference with a bootstrap ${Math.round((1 - c.alpha) * 100)}% interval, Mann-Whitney test; rates: McNemar on the same cases or a two-proportion test. Regressed or improved = significant after Holm's correction and beyond the practical minimum; unchanged = the interval lies within it.</sub>`,
    '',
  );
  return out.join('\n');
}
