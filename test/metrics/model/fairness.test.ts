import { describe, expect, it } from 'vitest';
import {
  averageOddsDifference,
  type DisparityMethod,
  demographicParityDifference,
  demographicParityRatio,
  disparateImpact,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
  groupRates,
  passesFourFifths,
  selectionRate,
} from '../../../src/metrics/model/index.js';
import { expectClose, reference } from './reference.js';

const cases = reference.fairness.map((c) => [c.name, c] as const);

describe("per-group rates match fairlearn's selection_rate, true_positive_rate, false_positive_rate", () => {
  it.each(cases)('%s', (_name, c) => {
    const rates = groupRates(c.yTrue, c.yPred, c.groups, { posLabel: c.posLabel });
    expect(rates.map((r) => [r.group, r.count])).toEqual(c.rates.map((r) => [r.group, r.count]));
    rates.forEach((r, i) => {
      const want = c.rates[i]!;
      expectClose(r.selectionRate, want.selectionRate, `${r.group} selection rate`);
      expectClose(r.tpr, want.tpr, `${r.group} tpr`);
      expectClose(r.fpr, want.fpr, `${r.group} fpr`);
    });
  });

  it('gives a group with no positives TPR 0, as fairlearn does', () => {
    const c = reference.fairness.find((f) => f.name === 'group with no positives')!;
    const rates = groupRates(c.yTrue, c.yPred, c.groups);
    expect(rates.find((r) => r.group === 'c')).toMatchObject({ positives: 0, tpr: 0 });
  });

  it('computes a plain selection rate', () => {
    expect(selectionRate([1, 0, 0, 1, 1])).toBe(0.6);
    expect(selectionRate(['y', 'n'], { posLabel: 'y' })).toBe(0.5);
  });
});

describe('disparities match the fairlearn definitions', () => {
  for (const method of ['between_groups', 'to_overall'] as const satisfies readonly DisparityMethod[]) {
    it.each(cases)(`${method}: %s`, (_name, c) => {
      const want = c[method];
      const opts = { posLabel: c.posLabel, method };
      expectClose(
        demographicParityDifference(c.yPred, c.groups, opts),
        want.difference.demographicParity,
        'dp diff',
      );
      expectClose(demographicParityRatio(c.yPred, c.groups, opts), want.ratio.demographicParity, 'dp ratio');
      const t = [c.yTrue, c.yPred, c.groups] as const;
      expectClose(equalOpportunityDifference(...t, opts), want.difference.equalOpportunity, 'eop diff');
      expectClose(equalOpportunityRatio(...t, opts), want.ratio.equalOpportunity, 'eop ratio');
      expectClose(equalizedOddsDifference(...t, opts), want.difference.equalizedOdds, 'eo diff');
      expectClose(equalizedOddsRatio(...t, opts), want.ratio.equalizedOdds, 'eo ratio');
      const mean = { ...opts, agg: 'mean' as const };
      expectClose(equalizedOddsDifference(...t, mean), want.difference.equalizedOddsMean, 'eo diff mean');
      expectClose(equalizedOddsRatio(...t, mean), want.ratio.equalizedOddsMean, 'eo ratio mean');
    });
  }

  it("defaults to fairlearn's between_groups and worst_case", () => {
    const c = reference.fairness[0]!;
    expectClose(
      equalizedOddsDifference(c.yTrue, c.yPred, c.groups),
      c.between_groups.difference.equalizedOdds,
      'eo',
    );
    expectClose(demographicParityRatio(c.yPred, c.groups), c.between_groups.ratio.demographicParity, 'dp');
  });

  it('returns ratio 1, not NaN, when every group has rate 0', () => {
    const c = reference.fairness.find((f) => f.name.startsWith('no positive predictions'))!;
    expect(demographicParityRatio(c.yPred, c.groups)).toBe(1);
    expect(equalizedOddsRatio(c.yTrue, c.yPred, c.groups)).toBe(1);
    expect(disparateImpact(c.yPred, c.groups)).toBe(1);
  });
});

describe('disparate impact and the four-fifths rule', () => {
  it.each(cases)('%s', (_name, c) => {
    expectClose(
      disparateImpact(c.yPred, c.groups, { posLabel: c.posLabel }),
      c.disparateImpact,
      'disparate impact',
    );
    expect(passesFourFifths(c.yPred, c.groups, { posLabel: c.posLabel })).toBe(c.passesFourFifths);
  });

  it('passes at exactly 4/5 and fails just under', () => {
    const exact = reference.fairness.find((f) => f.name === 'exactly four fifths')!;
    const under = reference.fairness.find((f) => f.name === 'just under four fifths')!;
    expect(passesFourFifths(exact.yPred, exact.groups)).toBe(true);
    expect(passesFourFifths(under.yPred, under.groups)).toBe(false);
    expect(passesFourFifths(under.yPred, under.groups, { threshold: 0.75 })).toBe(true);
  });

  it('passes 4/5 even when the division lands an ulp below 0.8', () => {
    // 0.44 / 0.55 is 0.7999999999999999 in doubles; the rates are 44/100 and 55/100.
    const yPred = [...Array(44).fill(1), ...Array(56).fill(0), ...Array(55).fill(1), ...Array(45).fill(0)];
    const groups = [...Array(100).fill('u'), ...Array(100).fill('p')];
    expect(disparateImpact(yPred, groups)).toBeLessThan(0.8);
    expect(passesFourFifths(yPred, groups)).toBe(true);
  });
});

describe("average odds difference matches AIF360's definition", () => {
  const withPriv = reference.fairness.filter((c) => c.averageOdds);
  it.each(withPriv.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { privileged, unprivileged, value } = c.averageOdds!;
    const opts = { posLabel: c.posLabel, privileged, ...(unprivileged === null ? {} : { unprivileged }) };
    expectClose(averageOddsDifference(c.yTrue, c.yPred, c.groups, opts), value, 'average odds');
  });

  it('is signed: negative when the privileged group gets more positives', () => {
    // Privileged 'p': TPR 1, FPR 1. Unprivileged 'u': TPR 0, FPR 0.
    expect(averageOddsDifference([1, 0, 1, 0], [1, 1, 0, 0], ['p', 'p', 'u', 'u'], { privileged: 'p' })).toBe(
      -1,
    );
  });

  it('names a privileged or unprivileged group that has no samples', () => {
    expect(() => averageOddsDifference([1, 0], [1, 0], ['a', 'b'], { privileged: 'z' })).toThrow(
      /privileged group "z"/,
    );
    expect(() => averageOddsDifference([1, 0], [1, 0], ['a', 'a'], { privileged: 'a' })).toThrow(
      /outside the privileged/,
    );
  });
});
