import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadModel } from '../../src/cli/load-model.ts';
import type { NetworkModel } from '../../src/model/network.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { lambdaMin } from '../../src/model/graph-spectrum.ts';
import { checkSeparability } from '../../src/reduced/separability.ts';
import { localGenerators, blendedGenerator } from '../../src/reduced/blended-generator.ts';
import { analyseSteadyState } from '../../src/reduced/steady.ts';
import { initialReducedStates, isProductInitial } from '../../src/reduced/reduced-system.ts';
import { theorem1, type TheoremInputs } from '../../src/theorems/theorem1.ts';
import { theorem2 } from '../../src/theorems/theorem2.ts';
import { buildSimulationContext } from '../../src/simulate/context.ts';
import { deriveReduced } from '../../src/reduced/derive.ts';
import { deriveCoherent } from '../../src/coherent/derive.ts';
import { deriveTheorems } from '../../src/theorems/derive-theorems.ts';
import type { ConstantValue } from '../../src/theorems/common.ts';
import {
  bisectGain, EARLY_POINTS, earlyTimes, checkTheorem1, checkTheorem2, checkTheorems, constantsFromTheorems, type TheoremCheck,
} from '../../src/theorems/checks.ts';
import { checkToJson } from '../../src/report/json/checks.ts';
import { bisectionOutcomeText, counterexampleText, proofStepEquation, proofStepName } from '../../src/report/sections/check-text.ts';
import { checksOf, simulationInputs, theoremsFor } from '../support/theorems.ts';

const fixture = (name: string) => loadModel(join(import.meta.dirname, '..', 'simulate', 'fixtures', `${name}.yaml`));

/** The §4 inputs of the theorem modules, assembled from the reduced/ building blocks. */
function theoremInputs(model: NetworkModel, eta?: Scalar): TheoremInputs {
  const separability = checkSeparability(model);
  const locals = separability.separable ? localGenerators(model) : null;
  const blended = locals ? blendedGenerator(locals) : null;
  return {
    n: model.qubits, graph: model.graph, separability, productInitial: isProductInitial(model.initial) ? 'stated' : 'undecided', locals, blended,
    steady: blended ? analyseSteadyState(blended.superop) : null, lambdaMin: lambdaMin(model.graph),
    initialReduced: initialReducedStates(model.initial), eta: eta ?? model.study.eta ?? null, T1: model.study.T1 ?? null, T2: model.study.T2 ?? null,
    studySource: 'study-block',
  };
}

/** A violated theorem is a finding: print it loudly before the assertion fails. */
function reportLoudly(c: TheoremCheck): void {
  if (c.counterexample) console.error(`\n!!! ${counterexampleText(c.counterexample)}\n`);
  for (const i of c.intermediate) if (!i.holds) console.error(`!!! ${c.theorem}: intermediate inequality ${proofStepEquation(i.step)} (${proofStepName(i.step)}) fails: max lhs/rhs = ${i.maxRatio} at t = ${i.tAtMaxRatio}`);
}

describe('bisection', () => {
  it('finds the smallest K_c of a monotone error to 1 % with a consistent bracket', () => {
    const r = bisectGain((K) => 1 / K, 0.01, 3000);
    expect(r.KcEmpirical!).toBeGreaterThanOrEqual(100);
    expect(r.KcEmpirical!).toBeLessThanOrEqual(101);
    expect(r.bracket![1] / r.bracket![0]).toBeLessThanOrEqual(1.01);
    expect(r.monotone).toBe(true);
  });

  it('brackets from seed gains below K_c* and reuses a known evaluation at K_c*', () => {
    const calls: number[] = [];
    const f = (K: number) => {
      calls.push(K);
      return 1 / K;
    };
    const r = bisectGain(f, 0.01, 3000, { known: [[3000, 1 / 3000]], seeds: [20, 1, 500] });
    expect(r.KcEmpirical!).toBeGreaterThanOrEqual(100);
    expect(r.KcEmpirical!).toBeLessThanOrEqual(101);
    expect(r.bracket![1] / r.bracket![0]).toBeLessThanOrEqual(1.01);
    expect(r.monotone).toBe(true);
    expect(calls).not.toContain(3000);
    expect(calls.slice(0, 3)).toEqual([1, 20, 500]);
    expect(Math.max(...calls)).toBeLessThanOrEqual(500);
    expect(r.outcome).toEqual({ kind: 'bisected', ratio: 1.01, seeds: [1, 20, 500] });
    expect(bisectionOutcomeText(r.outcome)).toContain('bracket started from');
    // every seed fails: climb ×4 from the largest, never past K_c*
    const up = bisectGain((K) => 1 / K, 0.01, 3000, { seeds: [2, 10] });
    expect(up.KcEmpirical!).toBeGreaterThanOrEqual(100);
    expect(up.KcEmpirical!).toBeLessThanOrEqual(101);
    // the smallest seed already meets η: descend from it
    const down = bisectGain((K) => 1 / K, 0.01, 3000, { seeds: [400, 2000] });
    expect(down.KcEmpirical!).toBeGreaterThanOrEqual(100);
    expect(down.KcEmpirical!).toBeLessThanOrEqual(101);
    expect(down.monotone).toBe(true);
  });

  it('adds log-spaced early times only when the grid does not resolve the decay rate', () => {
    const e = earlyTimes([0, 0.05, 0.1], 1e4);
    expect(e.length).toBe(EARLY_POINTS);
    expect(e[0]).toBeCloseTo(1e-7, 20);
    expect(e[e.length - 1]).toBeLessThan(0.05);
    for (let k = 1; k < e.length; k++) expect(e[k] / e[k - 1]).toBeCloseTo(e[1] / e[0], 10);
    expect(earlyTimes([0, 0.05, 0.1], 10)).toEqual([]);
  });

  it('reports a non-monotone error', () => {
    const r = bisectGain((K) => (K > 50 && K < 60 ? 1 : 1 / K), 0.01, 3000);
    expect(r.monotone).toBe(false);
  });
});

describe('Theorem 1: Example 1', () => {
  const model = fixture('example1');
  const ctx = buildSimulationContext(simulationInputs(model));

  for (const eta of ['0.05', '0.01']) {
    it(`holds at K_c*, and the empirical K_c for η = ${eta} is ≤ K_c* with a consistent bracket`, () => {
      const res = theorem1(theoremInputs(model, Scalar.decimal(eta)));
      expect(res.applies).toBe(true);
      const constants = constantsFromTheorems({ T1: res }, { eta: Scalar.decimal(eta) });
      const c = checkTheorem1(ctx, constants.T1!);
      reportLoudly(c);
      expect(c.counterexample).toBeNull();
      expect(c.holdsAtKcStar).toBe(true);
      expect(c.KcEmpirical!).toBeLessThanOrEqual(c.KcStar);
      expect(c.ratio!).toBeGreaterThanOrEqual(1);
      const [lo, hi] = c.bisection.bracket!;
      expect(hi / lo).toBeLessThanOrEqual(1.01);
      expect(c.bisection.monotone).toBe(true);
      // the bracket is consistent with the curves: at hi the worst error on [t*, horizon] meets η, at lo it does not
      const at = (K: number) => c.bisection.evaluations.find(([k]) => k === K)![1];
      expect(at(hi)).toBeLessThanOrEqual(Number(eta));
      expect(at(lo)).toBeGreaterThan(Number(eta));
      expect(c.intermediate.map((i) => i.step)).toEqual(['consensus', 'mean-on-subspace', 'combined-error', 'reduced-to-steady']);
      for (const i of c.intermediate) {
        // the curve's grid plus the early log-spaced times that resolve e^{−K_cλ_m t} near t = 0
        expect(i.t.length).toBe(c.curve.t.length + EARLY_POINTS);
        expect(i.lhs.length).toBe(i.t.length);
        expect(i.rhs.length).toBe(i.t.length);
        expect(i.t[1]).toBeLessThan(2e-3 / c.KcStar);
        expect([...i.t].sort((x, y) => x - y)).toEqual(i.t);
      }
    });
  }
});

describe('counterexamples', () => {
  it('a bound that fails (K_c far below K_c*) is reported with the model, the time and the values', () => {
    const model = fixture('example1');
    const ctx = buildSimulationContext(simulationInputs(model));
    const res = theorem1(theoremInputs(model));
    const constants = constantsFromTheorems({ T1: res }, model.study).T1!;
    const c = checkTheorem1(ctx, { ...constants, KcStar: 1 });
    expect(c.holdsAtKcStar).toBe(false);
    expect(c.counterexample).not.toBeNull();
    expect(c.counterexample!.model).toBe('example1');
    expect(c.counterexample!.value).toBeGreaterThan(c.counterexample!.bound);
    expect(counterexampleText(c.counterexample!)).toMatch(/COUNTEREXAMPLE to Theorem 1 for model "example1".*t = /);
    expect(checkToJson(c).counterexample).toMatchObject({ model: 'example1', theorem: 'Theorem 1' });
  });
});

describe('Theorem 2: Examples 1 and 2', () => {
  for (const name of ['example1', 'example2']) {
    it(`${name}: max_j‖ρ_j − ρ_b‖ ≤ η on [T₁, T₂] at K_c*`, () => {
      const model = fixture(name);
      const ctx = buildSimulationContext(simulationInputs(model));
      const res = theorem2(theoremInputs(model));
      expect(res.applies).toBe(true);
      const constants = constantsFromTheorems({ T2: res }, model.study);
      const c = checkTheorem2(ctx, constants.T2!);
      reportLoudly(c);
      expect(c.counterexample).toBeNull();
      expect(c.holdsAtKcStar).toBe(true);
      expect(c.KcEmpirical!).toBeLessThanOrEqual(c.KcStar);
      expect(c.bisection.monotone).toBe(true);
      expect(c.intermediate.map((i) => i.step)).toEqual(['consensus', 'mean-to-blended', 'reduced-to-blended']);
    });
  }
});

describe('checkTheorems and JSON', () => {
  it('runs every applicable check and serialises deterministically', () => {
    const model = fixture('example1');
    const ctx = buildSimulationContext(simulationInputs(model));
    const inputs = theoremInputs(model);
    const constants = constantsFromTheorems({ T1: theorem1(inputs), T2: theorem2(inputs) }, model.study);
    const checks = checkTheorems(ctx, constants);
    expect(checks.map((c) => c.theorem)).toEqual(['T1', 'T2']);
    const a = JSON.stringify(checks.map(checkToJson));
    const b = JSON.stringify(checkTheorems(ctx, constants).map(checkToJson));
    expect(a).toBe(b);
    const j = JSON.parse(a)[0];
    for (const key of ['holdsAtKcStar', 'KcEmpirical', 'ratio', 'counterexample', 'intermediate']) expect(j).toHaveProperty(key);
  });
});

describe('from the derivations: Examples 1–3 (deriveReduced, deriveCoherent)', () => {
  it('Example 3: Theorems 3 and 4 hold at K_c*, with empirical K_c ≤ K_c* and the proof inequalities holding', () => {
    const model = fixture('example3');
    const { checks } = checksOf(model, { only: ['T3', 'T4'] });
    expect(checks.map((c) => c.theorem)).toEqual(['T3', 'T4']);
    for (const c of checks) {
      reportLoudly(c);
      expect(c.counterexample).toBeNull();
      expect(c.holdsAtKcStar).toBe(true);
      expect(c.KcEmpirical!).toBeLessThanOrEqual(c.KcStar);
      expect(c.bisection.monotone).toBe(true);
      for (const i of c.intermediate) expect(i.holds).toBe(true);
    }
    expect(checks[0].intermediate.map((i) => proofStepEquation(i.step))).toEqual(['eq. 35 (with eq. 37)', 'eq. 36', 'Appendix C (first display)', 'end of Appendix C']);
  });

  it('Examples 1 and 2: the §4 derivation feeds Theorems 1–2 (and the exact ρ_r into the simulation)', () => {
    for (const [name, expected] of [['example1', ['T1', 'T2']], ['example2', ['T2']]] as const) {
      const model = fixture(name);
      const { ctx, checks } = checksOf(model, { only: ['T1', 'T2'] });
      if (name === 'example1') expect(ctx.separableData!.steadySource).toBe('exact');
      expect(checks.map((c) => c.theorem)).toEqual(expected);
      for (const c of checks) {
        reportLoudly(c);
        expect(c.holdsAtKcStar).toBe(true);
        expect(c.KcEmpirical!).toBeLessThanOrEqual(c.KcStar);
      }
    }
  });
});

describe('η sweep: derivations/example-1.yaml with eta: [0.05, 0.01]', () => {
  const model = loadModel(join(import.meta.dirname, '..', '..', 'derivations', 'example-1.yaml'));
  // As derivation/derive.ts: Theorems 3–4 with the §4 derivation's window (T₁ = 1, T₂ = 10 by default).
  const { reduced, theorems, ctx, checks } = checksOf(model);
  const byTheorem = Object.fromEntries(checks.map((c) => [c.theorem, c]));
  const value = (c: ConstantValue | undefined): number => {
    if (!c || c.value === null) throw new Error('missing constant');
    return c.value;
  };
  const transient = (C: number, T1: number, lam: number, eta: number) => (2 * C > eta ? Math.log((2 * C) / eta) / (T1 * lam) : 0);

  it('every theorem gets one entry per η, the first equal to its primary check', () => {
    expect(checks.map((c) => c.theorem)).toEqual(['T1', 'T2', 'T3', 'T4']);
    for (const c of checks) {
      expect(c.eta).toBe(0.05);
      expect(c.etaSweep!.map((e) => e.eta)).toEqual([0.05, 0.01]);
      const prime = c.theorem === 'T1' || c.theorem === 'T2' ? value((theorems[c.theorem].constants.values as Record<string, ConstantValue | undefined>).KcStarPrime) : null;
      const { KcStarPrime, ...rest } = c.etaSweep![0];
      expect(rest).toEqual({ eta: c.eta, KcStar: c.KcStar, holdsAtKcStar: c.holdsAtKcStar, KcEmpirical: c.KcEmpirical, ratio: c.ratio, monotone: c.bisection.monotone });
      // K_c*′ (errata corrected) only where the re-derivation changes the threshold: Theorems 1–2, equal to their typed constant.
      if (prime === null) expect(KcStarPrime).toBeNull();
      else expect(KcStarPrime! / prime).toBeCloseTo(1, 12);
    }
    // Theorem 1 at η = 0.01 by hand: K_c*′ = max{2μ/λ_m, 2(1+√2)D′/η}.
    const t1 = theorems.T1.constants.values;
    expect(byTheorem.T1.etaSweep![1].KcStarPrime).toBeCloseTo(Math.max((2 * value(t1.mu)) / value(t1.lambdaMin), (2 * (1 + Math.SQRT2) * value(t1.DPrime)) / 0.01), 6);
  });

  it('K_c*(0.01) is each theorem formula evaluated by hand from the reported constants', () => {
    const eta = 0.01;
    const t1 = theorems.T1.constants.values;
    expect(byTheorem.T1.etaSweep![1].KcStar).toBeCloseTo(Math.max(value(t1.mu) / value(t1.lambdaMin), (2 * (1 + Math.SQRT2) * value(t1.D)) / eta), 8);
    const t2 = theorems.T2.constants.values;
    const T1 = reduced.T1.toComplex()[0];
    expect(byTheorem.T2.etaSweep![1].KcStar).toBeCloseTo(Math.max(transient(value(t2.C), T1, value(t2.lambdaMin), eta), (2 * value(t2.D)) / eta), 8);
    const t3 = theorems.T3.constants.values;
    expect(byTheorem.T3.etaSweep![1].KcStar).toBeCloseTo(Math.max(transient(value(t3.C), T1, value(t3.lambdaMin), eta), (2 * value(t3.D)) / eta), 6);
    const t4 = theorems.T4.constants.values;
    const lam4 = value(t4.lambdaMin);
    expect(byTheorem.T4.etaSweep![1].KcStar).toBeCloseTo(Math.max(transient(value(t4.C), T1, lam4, eta), (2 * value(t4.normA)) / (eta * lam4)), 8);
    // The primary K_c* is untouched: the same formulas at η = 0.05.
    expect(byTheorem.T1.KcStar).toBeCloseTo(Math.max(value(t1.mu) / value(t1.lambdaMin), (2 * (1 + Math.SQRT2) * value(t1.D)) / 0.05), 8);
  });

  it('at η = 0.01 every bound holds at K_c*(η) and the empirical K_c(η) is the bisection run on its own', () => {
    for (const c of checks) {
      const e = c.etaSweep![1];
      expect(e.holdsAtKcStar).toBe(true);
      expect(e.monotone).toBe(true);
      expect(e.KcEmpirical!).toBeLessThanOrEqual(e.KcStar);
      expect(e.ratio!).toBeCloseTo(e.KcStar / e.KcEmpirical!, 10);
      // a smaller η needs a larger gain
      expect(e.KcEmpirical!).toBeGreaterThan(c.KcEmpirical!);
    }
    // Independently: Theorem 1 derived at η = 0.01 directly, and its check.
    const reducedAt = deriveReduced(model, { eta: Scalar.decimal('0.01') });
    const direct = deriveTheorems(model, reducedAt, deriveCoherent(model, { exactSpectrum: false })).T1;
    expect(byTheorem.T1.etaSweep![1].KcStar).toBe(direct.constants.values.KcStar!.value);
    const c = checkTheorem1(ctx, constantsFromTheorems({ T1: direct }, { eta: Scalar.decimal('0.01') }).T1!);
    expect(byTheorem.T1.etaSweep![1].KcEmpirical).toBe(c.KcEmpirical);
    expect(byTheorem.T1.etaSweep![1].holdsAtKcStar).toBe(c.holdsAtKcStar);
    // the value measured in 'Theorem 1: Example 1' above
    expect(c.KcStar).toBeCloseTo(7161.5, 0);
  });

  it('the JSON carries etaSweep only when the study lists several η', () => {
    const j = checkToJson(byTheorem.T1) as { etaSweep: { eta: number; KcStar: number }[]; KcStar: number };
    expect(j.etaSweep.map((e) => e.eta)).toEqual([0.05, 0.01]);
    expect(j.etaSweep[0].KcStar).toBe(j.KcStar);
    const one = checksOf(fixture('example1'), { only: ['T1', 'T2'] }).checks;
    for (const c of one) {
      expect(c.etaSweep).toBeUndefined();
      expect(checkToJson(c)).not.toHaveProperty('etaSweep');
    }
  });
});
