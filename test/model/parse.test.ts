import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Scalar } from '../../src/algebra/scalar.ts';
import { UserError, ModelTooLarge } from '../../src/core/errors.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { parseModel } from '../../src/model/parse.ts';
import { parseExpr } from '../../src/model/expr.ts';
import { exprToLatex } from '../../src/model/expr-latex.ts';
import { requireExactDense, stateOperator, substituteParameters } from '../../src/model/network.ts';
import { modelJson } from '../../src/model/model-json.ts';
import { embed, kron, maxAbsDiff, P0, P1, scale, SM, SP, I2, c } from '../support/model-oracle.ts';
import { errorOf } from '../support/user-error.ts';

const DERIVATIONS = join(import.meta.dirname, '..', '..', 'derivations');
const TOL = 1e-12;

/** A minimal valid file with one field replaced. */
function model(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    name: 'm',
    qubits: '3',
    graph: 'complete',
    hamiltonian: 'sz(1)',
    initial: "{product: ['|0><0|', 'I/2', '|1><1|']}",
    ...overrides,
  };
  return Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}


describe('derivation files', () => {
  it('every file in derivations/ parses and validates', () => {
    const files = readdirSync(DERIVATIONS).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) expect(() => loadModel(join(DERIVATIONS, f))).not.toThrow();
  });

  it('Example 1: operators, rates and ρ(0) = |0⟩⟨0| ⊗ I/2 ⊗ |1⟩⟨1|', () => {
    const m = loadModel(join(DERIVATIONS, 'example-1.yaml'));
    expect(maxAbsDiff(m.hamiltonian.toMatrix().toComplexRows(), embed([[c(1), c(0)], [c(0), c(-1)]], 1, 3))).toBe(0);
    expect(maxAbsDiff(m.lindblad[0].operator.toMatrix().toComplexRows(), embed(SM, 2, 3))).toBe(0);
    expect(maxAbsDiff(m.lindblad[1].operator.toMatrix().toComplexRows(), scale(Math.sqrt(3), embed(SP, 3, 3)))).toBeLessThan(TOL);
    expect(m.lindblad.map((l) => l.rate.toString())).toEqual(['1', '1']);
    expect(maxAbsDiff(m.initial.toMatrix().toComplexRows(), kron(kron(P0, scale(0.5, I2)), P1))).toBe(0);
    const ss = m.paper?.values.get('steadyState');
    expect(ss?.kind).toBe('matrix');
    if (ss?.kind === 'matrix') expect(ss.value.get(0, 1).equals(Scalar.I.neg().div(Scalar.int(6)))).toBe(true);
    expect(m.study.Kc.map((k) => k.toString())).toEqual(['1', '5', '10', '40']);
    expect(m.study.eta?.equals(Scalar.rational(1, 20))).toBe(true);
    expect(m.warnings).toEqual([]);
  });

  it("Example 2 keeps the paper's invalid state as data and uses |0⟩⟨0| ⊗ |+⟩⟨+| ⊗ |1⟩⟨1|", () => {
    const m = loadModel(join(DERIVATIONS, 'example-2.yaml'));
    const plus = scale(0.5, [[c(1), c(1)], [c(1), c(1)]]);
    expect(maxAbsDiff(m.initial.toMatrix().toComplexRows(), kron(kron(P0, plus), P1))).toBeLessThan(TOL);
    const stated = m.paper?.values.get('initialState');
    expect(stated?.kind).toBe('state');
    if (stated?.kind === 'state' && stated.value.kind === 'product') {
      expect(stated.value.factors[1].isHermitian()).toBe(false);
      expect(stated.value.factors[1].trace().toString()).toBe('1/2');
    }
    // The corrected ρ_b(0) = (ρ₁ + ρ₂ + ρ₃)/3 agrees with the paper's stated off-diagonals and ⟨1|ρ_b|1⟩.
    if (m.initial.kind !== 'product') throw new Error('product expected');
    const avg = m.initial.factors.reduce((a, f) => a.add(f)).scale(Scalar.rational(1, 3));
    const paper = m.paper?.values.get('blendedInitial');
    if (paper?.kind !== 'matrix') throw new Error('matrix expected');
    expect(avg.get(0, 1).equals(paper.value.get(0, 1))).toBe(true);
    expect(avg.get(1, 0).equals(paper.value.get(1, 0))).toBe(true);
    expect(avg.get(1, 1).equals(paper.value.get(1, 1))).toBe(true);
    expect(avg.get(0, 0).toString()).toBe('1/2');
    expect(paper.value.get(0, 0).toString()).toBe('0');
  });

  it('Example 3: sparse ρ(0) and exact decimals inside surds', () => {
    const m = loadModel(join(DERIVATIONS, 'example-3.yaml'));
    expect(m.initial.kind).toBe('sparse');
    const expected = [['001', '1/6'], ['010', '1/3'], ['100', '1/2']];
    if (m.initial.kind === 'sparse') expect(m.initial.entries.map((e) => [e.row, e.value.toString()])).toEqual(expected);
    const coefs = m.lindblad[0].operator.terms().map((t) => t.coef);
    expect(coefs.some((k) => k.equals(Scalar.sqrt(Scalar.int(5)).div(Scalar.int(20))))).toBe(true);
  });

  it('parametric Example 1: symbolic rates are assumptions, omega has a value', () => {
    const m = loadModel(join(DERIVATIONS, 'example-1-parametric.yaml'));
    expect(m.declaredParameters).toEqual(['gamma_m', 'gamma_p', 'omega']);
    expect([...m.parameters.keys()]).toEqual(['omega']);
    expect(m.lindblad[0].rate.freeParams()).toEqual(['gamma_m']);
    expect(m.assumptions.length).toBe(2);
  });

  it('a product state expands to the same sparse entries as its Kronecker product', () => {
    const m = parseModel(model({ initial: "{product: ['|+><+|', [[1/3, i/5], [-i/5, 2/3]], '|1><1|']}" }));
    const dense = m.initial.toMatrix();
    const sparse = stateOperator(m.initial);
    for (let r = 0; r < 8; r++) for (let k = 0; k < 8; k++) {
      expect(sparse.get(r.toString(2).padStart(3, '0'), k.toString(2).padStart(3, '0')).equals(dense.get(r, k))).toBe(true);
    }
    const oracle = kron(kron(scale(0.5, [[c(1), c(1)], [c(1), c(1)]]), [[c(1 / 3), c(0, 0.2)], [c(0, -0.2), c(2 / 3)]]), P1);
    expect(maxAbsDiff(dense.toComplexRows(), oracle)).toBeLessThan(TOL);
  });

  it('study, explicit graphs and parameters', () => {
    const m = parseModel(model({
      graph: '{edges: [[1, 2, 1/2], [3, 2, sqrt(2)]]}',
      parameters: '{w: 3/4, g: symbolic, h: ~}',
      hamiltonian: 'w*sz(1) + g*sx(2) + h*sy(3)',
      study: '{Kc: 7, T1: 0.5, T2: 2, time: {end: 3, steps: 4}}',
    }));
    expect(m.graph.edges.map((e) => [e.j, e.k, e.weight.toString()])).toEqual([[1, 2, '1/2'], [2, 3, 'sqrt(2)']]);
    expect(m.parameters.get('w')?.toString()).toBe('3/4');
    expect(m.declaredParameters).toEqual(['g', 'h', 'w']);
    expect(m.study.Kc.map((k) => k.toString())).toEqual(['7']);
    expect(m.study.T1?.toString()).toBe('1/2');
    expect(m.study.time?.steps).toBe(4);
  });
});

describe('study.eta: one value or a list', () => {
  it('a single value is the primary η and nothing else, in the model and its JSON', () => {
    const m = parseModel(model({ study: '{eta: 0.05}' }));
    expect(m.study.eta?.equals(Scalar.rational(1, 20))).toBe(true);
    expect(m.study.etaList).toBeUndefined();
    expect(Object.keys(modelJson(m).study)).toEqual(['Kc', 'eta', 'T1', 'T2', 'time', 'exact', 'defaults']);
  });
  it('a one-entry list reads exactly as the single value', () => {
    const one = parseModel(model({ study: '{eta: [0.05]}' }));
    expect(one.study.eta?.equals(Scalar.rational(1, 20))).toBe(true);
    expect(one.study.etaList).toBeUndefined();
    expect(modelJson(one).study).toEqual(modelJson(parseModel(model({ study: '{eta: 0.05}' }))).study);
  });
  it('a list keeps every η exactly, in file order, the first as the primary', () => {
    const m = parseModel(model({ parameters: '{g: 2}', study: '{eta: [0.05, 1e-2, sqrt(2)/g/100]}' }));
    expect(m.study.eta?.equals(Scalar.rational(1, 20))).toBe(true);
    expect(m.study.etaList!.map((e) => e.toString())).toEqual(['1/20', '1/100', '1/200*sqrt(2)']);
    const j = modelJson(m).study;
    expect(j.eta?.exact).toBe('1/20');
    expect(j.etaList!.map((e) => e.exact)).toEqual(['1/20', '1/100', '1/200*sqrt(2)']);
  });
  it('Example 1 studies η = 0.05 (primary) and η = 0.01', () => {
    const m = loadModel(join(DERIVATIONS, 'example-1.yaml'));
    expect(m.study.etaList!.map((e) => e.toString())).toEqual(['1/20', '1/100']);
  });
  it('a non-positive or non-numeric entry is one located error naming the entry', () => {
    expect(errorOf(model({ study: '{eta: [0.05, -0.01]}' })).format()).toMatch(/^f\.yaml:6:21: study\.eta\[1\]: an error level η must be positive \(got -1\/100\)/);
    expect(errorOf(model({ study: '{eta: [0.05, 0]}' })).format()).toMatch(/^f\.yaml:6:21: study\.eta\[1\]: an error level η must be positive \(got 0\)/);
    expect(errorOf(model({ study: '{eta: [0.05, [0.01]]}' })).format()).toMatch(/^f\.yaml:6:21: study\.eta\[1\]: expected an exact number, found a list/);
    expect(errorOf(model({ study: '{eta: [0.05, true]}' })).format()).toMatch(/^f\.yaml:6:21: study\.eta\[1\]: expected an exact number/);
    expect(errorOf(model({ study: '{eta: []}' })).format()).toMatch(/^f\.yaml:6:\d+: study\.eta: expected at least 1 item/);
    expect(errorOf(model({ study: '{eta: -0.05}' })).format()).toMatch(/^f\.yaml:6:\d+: study\.eta: η must be positive/);
  });
});

describe('errors carry field and line:col, pointing inside expression strings', () => {
  it('unknown function: the column of the name inside the string', () => {
    const e = errorOf(model({ hamiltonian: '"sz(1) + sigmaq(2)"' }));
    expect(e.format()).toMatch(/^f\.yaml:4:23: hamiltonian: unknown operator or function 'sigmaq'/);
  });
  it('qubit index out of range inside a sum names the binding', () => {
    const e = errorOf(model({ hamiltonian: "'sum(j=1..4, sz(j))'" }));
    expect(e.format()).toMatch(/^f\.yaml:4:30: hamiltonian: qubit index 4 \(with j = 4\) is out of range 1\.\.3/);
  });
  it('an undeclared name suggests declaring it', () => {
    const e = errorOf(model({ hamiltonian: 'gama*sz(1)', parameters: '{gamma: 1}' }));
    expect(e.message).toMatch(/unknown name 'gama'/);
    expect(e.hint).toMatch(/gamma/);
  });
  it('a non-Hermitian Hamiltonian shows its anti-Hermitian part', () => {
    const e = errorOf(model({ hamiltonian: 'sp(1)' }));
    expect(e.message).toBe('the Hamiltonian is not Hermitian: its anti-Hermitian part (H − H†)/2 is (-1/2*i)*sy(1)');
    expect(errorOf(model({ hamiltonian: 'sx(1)*sy(1)' })).message).toMatch(/is i\*sz\(1\)$/);
    expect(e.location.field).toBe('hamiltonian');
  });
  it('initial states: trace, Hermiticity, positivity, parameters', () => {
    expect(errorOf(model({ initial: "{state: '|000><000| + |001><001|'}" })).message).toMatch(/trace is 2/);
    expect(errorOf(model({ initial: "{state: '|000><000| + |000><001|'}" })).message).toMatch(/not Hermitian/);
    expect(errorOf(model({ initial: "{state: '(|000><000| + |001><001|)/2 + |000><001| + |001><000|'}" })).message).toMatch(/not positive semidefinite/);
    expect(errorOf(model({ initial: "{product: ['|0><0|', [[1, 1], [1, 0]], '|1><1|']}" })).message).toMatch(/factor 2 .*not positive semidefinite/);
    expect(errorOf(model({ parameters: '{p: symbolic}', initial: "{product: ['|0><0|', 'p*|0><0| + (1-p)*|1><1|', '|1><1|']}" })).message).toMatch(/without values/);
  });
  it('exact dense path refused beyond 5 qubits', () => {
    const e = errorOf(model({ qubits: '6', initial: "{state: '|000000><000000|'}", study: '{exact: dense}' }));
    expect(e).toBeInstanceOf(ModelTooLarge);
    expect(e.message).toMatch(/4,096 × 4,096/);
  });
});

describe('LaTeX of the model as stated', () => {
  const cases: [string, string][] = [
    ['sum(j=1..3, sz(j))', '\\sum_{j=1}^{3}\\sigma_z^{(j)}'],
    ['sqrt(3)*sp(3)', '\\sqrt{3}\\,\\sigma_+^{(3)}'],
    ['sum(j<k, sx(j)*sy(k))', '\\sum_{j<k}\\sigma_x^{(j)}\\sigma_y^{(k)}'],
    ['sum(j!=k, sz(j) sz(k))', '\\sum_{j\\neq k}\\sigma_z^{(j)}\\sigma_z^{(k)}'],
    ['0.1/2 * sum(j=1..3, sp(j) + sm(j))', '\\frac{0.1}{2}\\,\\sum_{j=1}^{3}\\left(\\sigma_+^{(j)} + \\sigma_-^{(j)}\\right)'],
    ['(1/6)(|001><001| + 2|010><010|)', '\\frac{1}{6}\\,\\left(|001\\rangle\\langle 001| + 2\\,|010\\rangle\\langle 010|\\right)'],
    ['gamma_m * sm(2) - i*omega*P1(1)', '\\gamma_{m}\\,\\sigma_-^{(2)} - \\mathrm{i}\\,\\omega\\,\\left(|1\\rangle\\langle 1|\\right)^{(1)}'],
    ['I/2', '\\frac{\\mathbf{I}}{2}'],
    ['dag(sp(1))', '\\left(\\sigma_+^{(1)}\\right)^{\\dagger}'],
  ];
  it.each(cases)('%s', (text, latex) => {
    expect(exprToLatex(parseExpr(text))).toBe(latex);
  });
});

describe('locations inside multi-line and quoted YAML scalars', () => {
  const head = 'name: b\nqubits: 3\ngraph: complete\n';
  const tail = 'initial: {state: "|000><000|"}\n';
  it.each([
    ['folded block', 'hamiltonian: >\n  sz(1) + sx(2)\n  + sy(5)\n', '6:8'],
    ['literal block', 'hamiltonian: |\n  sz(1)\n    + sy(5)\n', '6:10'],
    ['plain over two lines', 'hamiltonian: sz(1) +\n  sy(7)\n', '5:6'],
    ['double-quoted with an escape', 'hamiltonian: "sz(1) + \\u0073y(9)"\n', '4:31'],
    ['single-quoted', "hamiltonian: 'sz(1) + sy(9)'\n", '4:26'],
  ])('%s', (_name, h, where) => {
    expect(errorOf(head + h + tail).format()).toMatch(new RegExp(`^f\\.yaml:${where}: hamiltonian: qubit index`));
  });

  it('unknown keys in nested mappings name their path', () => {
    const e = errorOf(model({ lindblad: '[{operator: sm(1), rat: 2}]' }));
    expect(e.format()).toBe("f.yaml:6:30: lindblad[0].rat: unknown key 'rat' — did you mean 'rate'?");
  });
});

describe('parameters and the exact dense guard', () => {
  it('substituteParameters binds values everywhere', () => {
    const m = parseModel(model({ parameters: '{g: 2, w: symbolic}', hamiltonian: 'g*sz(1) + w*sx(2)', lindblad: '[{operator: sm(1), rate: g/4}]' }));
    const bound = substituteParameters(m);
    expect(bound.hamiltonian.freeParams()).toEqual(['w']);
    expect(bound.lindblad[0].rate.toString()).toBe('1/2');
    const all = substituteParameters(m, new Map([['g', Scalar.ONE], ['w', Scalar.int(3)]]));
    expect(all.hamiltonian.freeParams()).toEqual([]);
  });

  it('requireExactDense refuses beyond 5 qubits and under exact: none', () => {
    const six = parseModel(model({ qubits: '6', initial: "{state: '|000000><000000|'}" }));
    expect(() => requireExactDense(six, 'the exact Liouvillian')).toThrow(ModelTooLarge);
    expect(() => requireExactDense(six, 'the exact Liouvillian')).toThrow(/4,096 × 4,096 for 6 qubits/);
    expect(() => requireExactDense(parseModel(model()), 'the exact Liouvillian')).not.toThrow();
    expect(() => requireExactDense(parseModel(model({ study: '{exact: none}' })), 'x')).toThrow(/exact: none/);
  });
});

describe('rates and study values with parameter values', () => {
  it('a parameter value makes a symbolic rate decidable', () => {
    expect(errorOf(model({ parameters: '{g: -1}', lindblad: '[{operator: sm(1), rate: g}]' })).message).toBe('the rate -1 is negative');
    const ok = parseModel(model({ parameters: '{g: 1/2}', lindblad: '[{operator: sm(1), rate: g}]' }));
    expect(ok.assumptions).toEqual([]);
    expect(ok.lindblad[0].rate.freeParams()).toEqual(['g']);
  });
  it('study values may use parameters with values, not symbolic ones', () => {
    const m = parseModel(model({ parameters: '{g: 2, h: symbolic}', study: '{T1: 1/g, T2: 4/g}' }));
    expect(m.study.T1?.toString()).toBe('1/2');
    expect(errorOf(model({ parameters: '{g: 2, h: symbolic}', study: '{eta: h/10}' })).message).toMatch(/depends on the symbolic parameter\(s\) h/);
  });
  it('pi is refused with a reason', () => {
    expect(errorOf(model({ hamiltonian: 'pi*sz(1)' })).message).toMatch(/'pi' is not available/);
  });
});

describe('the default name', () => {
  it('is the file stem, refused when <stem>.proof-T1.html would not fit in a file name', () => {
    const text = 'qubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\n';
    expect(parseModel(text, '/d/short-name.yaml').name).toBe('short-name');
    const stem = 'n'.repeat(242);
    expect(() => parseModel(text, `/d/${stem}.yaml`)).toThrow(/too long to name the outputs: 242 bytes, more than 241/);
    expect(parseModel(text, `/d/${'n'.repeat(241)}.yaml`).name).toHaveLength(241);
  });
});

describe('limits: hostile expressions are one located error, never a crash or a hang (issue 24)', () => {
  const H = (h: string): string => model({ hamiltonian: JSON.stringify(h) });
  it('2,000 nested parentheses, 3,000 signs: the nesting limit, located', () => {
    const e = errorOf(H(`${'('.repeat(2000)}sz(1)${')'.repeat(2000)}`));
    expect(e.format()).toMatch(/^f\.yaml:4:115: hamiltonian: the expression is nested more than 100 levels deep/);
    expect(errorOf(H(`${'-'.repeat(3000)}sz(1)`)).message).toMatch(/nested more than 100 levels deep/);
    // 100 levels are fine (99 parentheses and the call sz(…)).
    expect(parseModel(H(`${'('.repeat(99)}sz(1)${')'.repeat(99)}`)).hamiltonian.terms()).toHaveLength(1);
  });
  it('a flat sum of 5,000 terms and a state of 10,000 ket-bras: the depth limit, located; 999 terms are fine', () => {
    expect(errorOf(H(Array(5000).fill('sz(1)').join(' + '))).format()).toMatch(/^f\.yaml:4:\d+: hamiltonian: the expression is too long or too deeply nested: more than 1000 levels/);
    expect(errorOf(H(Array(5000).fill('sz(1)').join(' '))).message).toMatch(/more than 1000 levels/);
    const state = Array(10000).fill('(1/10000)|000><000|').join(' + ');
    expect(errorOf(model({ initial: JSON.stringify({ state }) })).format()).toMatch(/^f\.yaml:5:\d+: initial\.state: the expression is too long/);
    expect(parseModel(H(Array(999).fill('sz(1)').join(' + '))).hamiltonian.terms()[0].coef.toString()).toBe('999');
  });
  it('the outcome does not depend on the stack already in use', () => {
    const deep = (k: number): UserError => (k === 0 ? errorOf(H(Array(5000).fill('sz(1)').join(' + '))) : deep(k - 1));
    expect(deep(3000).message).toMatch(/more than 1000 levels/);
  });
  it('sum(j=1..1000000000, sz(j)) on 3 qubits stops at the first bad index; a long range of scalars at the term limit', () => {
    expect(errorOf(H('sum(j=1..1000000000, sz(j))')).format()).toBe(
      'f.yaml:4:39: hamiltonian: qubit index 4 (with j = 4) is out of range 1..3 — the model has 3 qubits, numbered from 1');
    expect(errorOf(H('sum(j=1..1000000000, j*sz(1))')).format()).toMatch(/^f\.yaml:4:15: hamiltonian: the sums of this expression expand to more than 100,000 terms/);
    expect(errorOf(H('sum(j=1..1000, sum(k=1..1000, sz(1)))')).message).toMatch(/more than 100,000 terms/);
  });
  it('huge exponents and number literals are refused before any work', () => {
    expect(errorOf(H('sz(1)^1000000000')).format()).toBe('f.yaml:4:21: hamiltonian: the exponent 1000000000 is larger than the limit of 64 — reduce it by hand (e.g. sz(1)^2 = I)');
    expect(errorOf(H('2^-1000000000 * sz(1)')).message).toMatch(/larger than the limit of 64/);
    expect(parseModel(H('sx(1)^64 + (1/2)^64 * sz(1)')).hamiltonian.terms()).toHaveLength(2);
    expect(errorOf(H('1e999999 * sz(1)')).format()).toBe('f.yaml:4:15: hamiltonian: the decimal exponent 999999 of 1e999999 is beyond the limit of ±100 — write a number between 1e-100 and 1e100');
    expect(errorOf(H(`${'9'.repeat(101)} * sz(1)`)).message).toMatch(/101 digits, more than the limit of 100/);
  });
  it('a product of sums that would grow exponentially, and a ket-bra operator on many qubits, are refused at the limit', () => {
    const n = 20;
    const product = Array.from({ length: n }, (_, k) => `(sx(${k + 1}) + sy(${k + 1}) + sz(${k + 1}) + I)`).join(' ');
    const text = (h: string): string => model({ qubits: String(n), hamiltonian: JSON.stringify(h), initial: JSON.stringify({ product: Array(n).fill('|0><0|') }) });
    expect(errorOf(text(product)).format()).toBe(
      'f.yaml:4:15: hamiltonian: this product multiplies 65,536 × 4 terms, more than the limit of 250,000 pairs — expand fewer sums into one product (docs/derivation-format.md, "Limits")');
    expect(errorOf(text(`|${'0'.repeat(n)}><${'1'.repeat(n)}|`)).message).toMatch(/is a sum of 2\^20 Pauli strings, more than the limit of 250,000 terms/);
  });
  it('YAML nested deeper than the YAML library can read is one error in our words', () => {
    const e = errorOf(model({ notes: `${'['.repeat(20000)}${']'.repeat(20000)}` }));
    expect(e.format()).toMatch(/^f\.yaml:\d+:\d+: \(document\): the YAML is nested too deeply to read — a derivation file nests a few levels/);
  });
  it('a name of 900,000 characters is refused at once, not echoed or compared letter by letter', () => {
    expect(errorOf(model({ hamiltonian: `${'a'.repeat(900000)}(1)` })).format()).toBe(
      `f.yaml:4:14: hamiltonian: a name of 900,000 characters (${'a'.repeat(20)}…), more than the limit of 64 — use a shorter name`);
    expect(parseModel(model({ parameters: `{${'g'.repeat(64)}: 1}`, hamiltonian: `${'g'.repeat(64)} sz(1)` })).hamiltonian.terms()).toHaveLength(1);
  });
  it('study values outside the ranges the numerics can honour are refused at check, with the range', () => {
    expect(errorOf(model({ study: '{Kc: [1, 1e10]}' })).format()).toBe(
      'f.yaml:6:17: study.Kc[1]: K_c = 1e10 is outside the range the numerics can honour, 0 < K_c ≤ 10^9 — choose a value in that range (docs/derivation-format.md, "Limits")');
    expect(errorOf(model({ study: '{Kc: [1e300]}' })).message).toMatch(/decimal exponent 300 of 1e300 is beyond the limit/);
    expect(errorOf(model({ study: '{eta: 1e-300}' })).message).toMatch(/decimal exponent -300/);
    expect(errorOf(model({ study: '{eta: 1e-13}' })).message).toMatch(/η = 1e-13 is outside the range .* 10\^-12 ≤ η ≤ 10/);
    expect(errorOf(model({ study: '{eta: [0.05, 11]}' })).location.field).toBe('study.eta[1]');
    expect(errorOf(model({ study: '{T1: 2000000}' })).message).toMatch(/T₁ = 2000000 is outside .* 0 < T₁ ≤ 10\^6/);
    expect(errorOf(model({ study: '{time: {end: 1e7, steps: 3}}' })).message).toMatch(/t = 1e7 is outside .* 0 ≤ t ≤ 10\^6/);
    expect(errorOf(model({ study: `{Kc: [${Array(33).fill(1).join(', ')}]}` })).format()).toBe('f.yaml:6:13: study.Kc: expected at most 32 items, found 33');
    expect(errorOf(model({ study: `{eta: [${Array(33).fill(0.05).join(', ')}]}` })).location.field).toBe('study.eta');
    expect(parseModel(model({ study: '{Kc: [1e9], eta: 1e-12, T1: 1e6, T2: 1e6, time: {end: 1e6, steps: 3}}' })).study.Kc).toHaveLength(1);
  });
});
