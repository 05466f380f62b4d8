import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse.ts';
import { derivationJson } from '../../src/report/json.ts';
import { derivationWithoutSimulation, theoremsFor } from '../support/theorems.ts';
import type { NetworkModel } from '../../src/model/network.ts';

/** The `reduced` block of a model's JSON report. */
const reducedJson = (m: NetworkModel): unknown => derivationJson(derivationWithoutSimulation(m)).reduced;
import { EXAMPLE_1 } from './fixtures.ts';

const EXAMPLE_3 = `
name: example-3
qubits: 3
graph: complete
hamiltonian: "sum(j=1..3, sz(j)) + 0.05 * sum(j=1..3, sp(j) + sm(j)) + sx(1)*sy(2) + sx(1)*sy(3) + sx(2)*sy(3)"
lindblad:
  - operator: "sqrt(0.05) * sum(j=1..3, sm(j)) + sqrt(0.02) * sum(j=1..3, sz(j))"
initial:
  product: ['|0><0|', '|0><0|', '|1><1|']
study:
  Kc: [1]
  eta: 0.01
`;

const PARAMETRIC = `
name: example-1-parametric
qubits: 3
graph: complete
parameters:
  omega: symbolic
  gamma_m: symbolic
  gamma_p: symbolic
hamiltonian: omega * sz(1)
lindblad:
  - operator: sm(2)
    rate: gamma_m
  - operator: sp(3)
    rate: gamma_p
initial:
  product: ['|0><0|', 'I/2', '|1><1|']
study:
  Kc: [1]
  eta: 0.05
`;

type O = Record<string, any>;

describe('the JSON block reduced (deriveReduced with Theorems 1–2)', () => {
  it('Example 1: the JSON carries ρ_r, spectrum, μ, λ_m, both K_c*, Definition 1 literal and errata', () => {
    const j = reducedJson(parseModel(EXAMPLE_1)) as O;
    expect(j.separable).toBe(true);
    expect(j.steadyStates.rho.exact).toEqual([['1/4', '0'], ['0', '3/4']]);
    expect(j.mu.exact).toBe('2/3');
    expect(j.relaxing.verdict).toBe(true);
    expect(j.spectrum.eigenvalues.map((e: O) => e.exact).sort()).toEqual(['-2/3 + 2/3*i', '-2/3 - 2/3*i', '-4/3', '0'].sort());
    expect(j.generator.latex).toMatch(/\\frac\{1\}\{3\}\\mathcal\{D\}\\left\(\\sigma_-\\right\)\\rho/);
    expect(j.generator.superoperator.exact.length).toBe(4);
    expect(j.graph.lambdaMin.exact).toBe('3');
    expect(j.definition1Literal.mu.exact).toBe('2/9');
    expect(j.definition1Literal.steadyStates.rho.exact).toEqual([['1/4', '0'], ['0', '3/4']]);
    expect(j.theorems.T1.applies).toBe(true);
    expect(j.theorems.T2.applies).toBe(true);
    expect(typeof j.theorems.T1.KcStar.value).toBe('number');
    expect(typeof j.theorems.T2.KcStar.value).toBe('number');
    expect(j.errata.map((e: O) => e.id)).toContain('steady-state');
    expect(j.errata.map((e: O) => e.id)).toContain('definition-1');
    expect(j.equation5.productStateNeeded).toBe(false);
    expect(j.explanations.length).toBeGreaterThan(8);
  });

  it('is deterministic', () => {
    const a = JSON.stringify(reducedJson(parseModel(EXAMPLE_1)));
    const b = JSON.stringify(reducedJson(parseModel(EXAMPLE_1)));
    expect(a).toBe(b);
  });

  it('Example 3: a clear non-separable verdict naming the terms, no crash, theorems refused', () => {
    const j = reducedJson(parseModel(EXAMPLE_3)) as O;
    expect(j.separable).toBe(false);
    expect(j.separability.violations.map((v: O) => v.term)).toContain('σx^(1)σy^(2)');
    expect(j.separability.violations.some((v: O) => v.kind === 'collective-lindblad')).toBe(true);
    expect(j.separability.coherentAnalysis).toMatch(/§5/);
    expect(j.generator).toBeNull();
    expect(j.theorems.T1.applies).toBe(false);
    expect(j.theorems.T2.applies).toBe(false);
    expect(j.theorems.T1.reason).toMatch(/Assumption 1 fails/);
  });

  it('symbolic parameters end to end: formulas with conditions, theorems need values', () => {
    const j = reducedJson(parseModel(PARAMETRIC)) as O;
    expect(j.steadyStates.rho.exact).toEqual([['(gamma_m)/(gamma_m + gamma_p)', '0'], ['0', '(gamma_p)/(gamma_m + gamma_p)']]);
    expect(j.steadyStates.conditions).toEqual(['$\\gamma_{m} + \\gamma_{p} \\neq 0$']);
    expect(j.mu.exact).toBe('1/6*gamma_m + 1/6*gamma_p');
    expect(j.positiveParameters).toEqual(['gamma_m', 'gamma_p']);
    expect(j.theorems.T1.applies).toBe(false);
    expect(j.theorems.T1.reason).toMatch(/numeric parameter values/);
  });
});

describe("Assumption 1's product initial state is decided on the state, not on how it is written", () => {
  const model = (state: string) => parseModel(`name: p\nqubits: 2\ngraph: complete\nhamiltonian: sz(1)\ninitial:\n  state: "${state}"\n`);
  it.each([
    ['|01><01|', 'factorises'],
    ['1/2 |00><00| + 1/2 |01><01|', 'factorises'], // |0⟩⟨0| ⊗ I/2
    ['1/4 (|00><00| + |01><01| + |10><10| + |11><11|)', 'factorises'], // I/4
    ['1/2 |00><00| + 1/2 |11><11|', 'not-product'], // classically correlated
    ['1/2 (|00><00| + |00><11| + |11><00| + |11><11|)', 'not-product'], // a Bell state
  ])('%s → %s', (state, expected) => {
    expect(theoremsFor(model(state)).reduced.productInitial).toBe(expected);
  });
  it('a state written as a product is stated as one', () => {
    expect(theoremsFor(parseModel(EXAMPLE_1)).reduced.productInitial).toBe('stated');
  });
});
