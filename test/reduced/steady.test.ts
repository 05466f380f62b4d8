import { describe, expect, it } from 'vitest';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { PauliSum } from '../../src/algebra/pauli.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { blendedGenerator, definition1Literal, localGenerators } from '../../src/reduced/blended-generator.ts';
import { analyseSteadyState } from '../../src/reduced/steady.ts';
import { fromPairs } from '../../src/numeric/cmatrix.ts';
import { eig } from '../../src/numeric/eig.ts';
import { type C, type M, SM, SP, SX, SY, SZ, dissipate, madd, mmul, rng, solveLinear, superopOf } from './dense-reference.ts';

const TOL = 1e-10;
const sqrt3 = Scalar.sqrt(Scalar.int(3));

function example1() {
  return {
    qubits: 3,
    hamiltonian: PauliSum.local(3, 1, 'z'),
    lindblad: [
      { operator: PauliSum.local(3, 2, '-'), rate: Scalar.ONE },
      { operator: PauliSum.local(3, 3, '+').scale(sqrt3), rate: Scalar.ONE },
    ],
  };
}

/** The blended generator straight from eq. 9: −i[H̄, ρ] + (1/n)Σ γ D(L)ρ, as a dense column-stacked 4×4. */
function denseBlended(H: M, channels: { rate: number; L: M }[], n: number): M {
  return superopOf(2, (rho) => {
    let out = madd(mmul(H, rho), mmul(rho, H), [-1, 0]).map((r) => r.map((x) => [x[1], -x[0]] as C));
    for (const ch of channels) out = madd(out, dissipate(ch.L, rho), [ch.rate / n, 0]);
    return out;
  });
}

/** The trace-one null vector: replace the first equation by tr ρ = 1. */
function nullDensity(S: M): M {
  const A = S.map((r) => [...r]);
  A[0] = [[1, 0], [0, 0], [0, 0], [1, 0]];
  const x = solveLinear(A, [[1, 0], [0, 0], [0, 0], [0, 0]]);
  return [[x[0], x[2]], [x[1], x[3]]];
}

function numericEigen(S: M): C[] {
  const { values } = eig(fromPairs(S));
  const out: C[] = [];
  for (let k = 0; k < 4; k++) out.push([values[2 * k], values[2 * k + 1]]);
  return out;
}

function closeMatrix(exact: ExactMatrix, numeric: M, params: Record<string, number> = {}): void {
  const e = exact.toComplexRows(params);
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
    expect(Math.abs(e[i][j][0] - numeric[i][j][0])).toBeLessThan(TOL);
    expect(Math.abs(e[i][j][1] - numeric[i][j][1])).toBeLessThan(TOL);
  }
}

describe('Example 1: exact steady state, spectrum and μ of the blended generator', () => {
  const locals = localGenerators(example1());
  const blended = blendedGenerator(locals);
  const a = analyseSteadyState(blended.superop);
  const sp3: M = SP.map((r) => r.map((x) => [Math.sqrt(3) * x[0], 0] as C));
  const dense = denseBlended(SZ.map((r) => r.map((x) => [x[0] / 3, 0] as C)), [{ rate: 1, L: SM }, { rate: 1, L: sp3 }], 3);

  it('matches eq. 9 entry by entry and reads as eq. 9 in closed form', () => {
    const e = blended.superop.toComplexRows();
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      expect(Math.abs(e[i][j][0] - dense[i][j][0]) + Math.abs(e[i][j][1] - dense[i][j][1])).toBeLessThan(TOL);
    }
    expect(blended.hamiltonianLatex).toBe('\\bar{H} = \\frac{1}{3}\\sigma_z');
    expect(blended.actionLatex).toBe('\\bar{\\mathcal{L}}\\rho = -\\mathrm{i}\\left[\\bar{H}, \\rho\\right] + \\frac{1}{3}\\mathcal{D}\\left(\\sigma_-\\right)\\rho + \\frac{1}{3}\\mathcal{D}\\left(\\sqrt{3}\\sigma_+\\right)\\rho');
  });

  it('ρ_r = diag(1/4, 3/4) exactly, equal to the null vector of the dense generator', () => {
    expect(a.steadyStates.kind).toBe('unique');
    if (a.steadyStates.kind !== 'unique') return;
    expect(a.steadyStates.rho.toString()).toBe('[[1/4, 0], [0, 3/4]]');
    expect(a.steadyStates.psd).toBe(true);
    expect(a.steadyStates.hermitian).toBe(true);
    closeMatrix(a.steadyStates.rho, nullDensity(dense));
    // and not the paper's stated matrix
    const stated = ExactMatrix.fromRows([[Scalar.rational(2, 3), Scalar.I.mul(Scalar.rational(-1, 6))], [Scalar.I.mul(Scalar.rational(1, 6)), Scalar.rational(1, 3)]]);
    expect(a.steadyStates.rho.equals(stated)).toBe(false);
  });

  it('spectrum {0, −2/3 ± 2i/3, −4/3} exactly, μ = 2/3, relaxing, 𝕊 = span{ρ_r}', () => {
    expect(a.spectrum.map((e) => e.exact?.toString()).sort()).toEqual(['-2/3 + 2/3*i', '-2/3 - 2/3*i', '-4/3', '0'].sort());
    expect(a.spectrum.every((e) => e.kind === 'exact-in-field')).toBe(true);
    const num = numericEigen(dense);
    for (const e of a.spectrum) {
      const [re, im] = e.exact!.toComplex();
      expect(num.some((z) => Math.hypot(z[0] - re, z[1] - im) < 1e-9)).toBe(true);
    }
    expect(a.mu.exact?.toString()).toBe('2/3');
    expect(a.relaxing.verdict).toBe(true);
    expect(a.invariantSubspace.dimension).toBe(1);
    expect(a.jordan.m).toBe(0);
    expect(a.charpoly.toString()).toBe(a.charpoly.toString());
  });

  it('Definition 1 read literally gives the same ρ_r but μ = 2/9 (dissipators ×1/n²)', () => {
    const lit = analyseSteadyState(definition1Literal(locals).superop);
    expect(lit.mu.exact?.toString()).toBe('2/9');
    const denseLit = denseBlended(SZ.map((r) => r.map((x) => [x[0] / 3, 0] as C)), [{ rate: 1 / 3, L: SM }, { rate: 1 / 3, L: sp3 }], 3);
    if (lit.steadyStates.kind === 'unique') closeMatrix(lit.steadyStates.rho, nullDensity(denseLit));
    const num = numericEigen(denseLit);
    expect(Math.min(...num.filter((z) => Math.abs(z[0]) > 1e-9).map((z) => -z[0]))).toBeCloseTo(2 / 9, 12);
  });
});

describe('Example 2: H = σx⁽¹⁾ + σy⁽²⁾ + σz⁽³⁾, no dissipation', () => {
  const m = { qubits: 3, hamiltonian: PauliSum.local(3, 1, 'x').add(PauliSum.local(3, 2, 'y')).add(PauliSum.local(3, 3, 'z')), lindblad: [] };
  const b = blendedGenerator(localGenerators(m));
  const a = analyseSteadyState(b.superop);
  it('is not relaxing: ker 𝓛̄ = span{I, H̄}, eigenvalues 0, 0, ±(2√3/3)i, μ undefined, 𝕊 everything', () => {
    expect(b.hamiltonianLatex).toBe('\\bar{H} = \\frac{1}{3}\\sigma_x + \\frac{1}{3}\\sigma_y + \\frac{1}{3}\\sigma_z');
    expect(a.relaxing.verdict).toBe(false);
    expect(a.kernelDimension).toBe(2);
    expect(a.mu.defined).toBe(false);
    expect(a.invariantSubspace.whole).toBe(true);
    expect(a.jordan.m).toBe(0);
    const eigs = a.spectrum.flatMap((e) => Array(e.multiplicity).fill(e.exact?.toString()));
    expect(eigs.sort()).toEqual(['-2/3*sqrt(3)*i', '0', '0', '2/3*sqrt(3)*i'].sort());
    // the eigenvalues ±2i|h| with |h| = √3/3, checked against the dense definition
    const Hbar: M = madd(madd(SX, SY), SZ).map((r) => r.map((x) => [x[0] / 3, x[1] / 3] as C));
    const num = numericEigen(denseBlended(Hbar, [], 3));
    expect(Math.max(...num.map((z) => z[1]))).toBeCloseTo(2 / Math.sqrt(3), 12);
    if (a.steadyStates.kind !== 'family') throw new Error('expected a family');
    expect(a.steadyStates.particular.toString()).toBe('[[1/2, 0], [0, 1/2]]');
    // the direction is proportional to H̄
    const K = a.steadyStates.directions[0];
    const ratio = K.get(0, 0).div(b.hamiltonian.get(0, 0));
    expect(K.equals(b.hamiltonian.scale(ratio))).toBe(true);
    expect(a.steadyStates.range).toBe('|t| \\le \\frac{\\sqrt{3}}{3}');
  });
});

describe('parametric Example 1: ρ_r and μ as formulas, checked at 25 random points', () => {
  const g1 = Scalar.param('gamma_m');
  const g2 = Scalar.param('gamma_p');
  const w = Scalar.param('omega');
  const m = {
    qubits: 3,
    hamiltonian: PauliSum.local(3, 1, 'z').scale(w),
    lindblad: [{ operator: PauliSum.local(3, 2, '-'), rate: g1 }, { operator: PauliSum.local(3, 3, '+'), rate: g2 }],
  };
  const a = analyseSteadyState(blendedGenerator(localGenerators(m)).superop, { positiveParams: ['gamma_m', 'gamma_p'] });

  it('gives ρ_r = diag(γ₋, γ₊)/(γ₋ + γ₊) and μ = (γ₋ + γ₊)/6 with their conditions', () => {
    if (a.steadyStates.kind !== 'unique') throw new Error('expected unique');
    expect(a.steadyStates.rho.toString()).toBe('[[(gamma_m)/(gamma_m + gamma_p), 0], [0, (gamma_p)/(gamma_m + gamma_p)]]');
    expect(a.steadyStates.conditions).toEqual([{ kind: 'nonzero', latex: '\\gamma_{m} + \\gamma_{p}' }]);
    expect(a.relaxing.conditions).toEqual([{ kind: 'positive-parameters', params: ['gamma_m', 'gamma_p'] }]);
    expect(a.mu.exact?.toString()).toBe('1/6*gamma_m + 1/6*gamma_p');
    expect(a.relaxing.verdict).toBe(true);
  });

  it('agrees with a dense numeric computation at 25 random parameter points', () => {
    const rand = rng(2024);
    if (a.steadyStates.kind !== 'unique') throw new Error('expected unique');
    for (let k = 0; k < 25; k++) {
      const p = { gamma_m: 0.05 + 3 * rand(), gamma_p: 0.05 + 3 * rand(), omega: 4 * rand() - 2 };
      const H: M = SZ.map((r) => r.map((x) => [(p.omega * x[0]) / 3, 0] as C));
      const dense = denseBlended(H, [{ rate: p.gamma_m, L: SM }, { rate: p.gamma_p, L: SP }], 3);
      closeMatrix(a.steadyStates.rho, nullDensity(dense), p);
      const num = numericEigen(dense);
      const muNum = Math.min(...num.filter((z) => Math.abs(z[0]) > 1e-9).map((z) => -z[0]));
      expect(Math.abs(a.mu.exact!.toComplex(p)[0] - muNum)).toBeLessThan(1e-9);
      for (const e of a.spectrum) {
        const z = e.exact!.toComplex(p);
        expect(num.some((y) => Math.hypot(y[0] - z[0], y[1] - z[1]) < 1e-8)).toBe(true);
      }
    }
  });
});

describe('a generator whose μ depends on the parameter region', () => {
  it('returns the candidates and the rule when no candidate is evidently minimal', () => {
    // dephasing γ_d D(σz) and damping γ₋ D(σ₋): −Re λ ∈ {γ₋/2 + 2γ_d, γ₋}; the minimum depends on γ₋ vs 4γ_d
    const gd = Scalar.param('gamma_d');
    const gm = Scalar.param('gamma_m');
    const m = { qubits: 1, hamiltonian: PauliSum.local(1, 1, 'z'), lindblad: [{ operator: PauliSum.local(1, 1, 'z'), rate: gd }, { operator: PauliSum.local(1, 1, '-'), rate: gm }] };
    const a = analyseSteadyState(blendedGenerator(localGenerators(m)).superop, { positiveParams: ['gamma_d', 'gamma_m'] });
    expect(a.mu.exact).toBeNull();
    expect(a.mu.candidates.map((c) => c.exact?.toString()).sort()).toEqual(['2*gamma_d + 1/2*gamma_m', 'gamma_m'].sort());
    expect(a.mu.regions.length).toBe(2);
    const rand = rng(99);
    for (let k = 0; k < 20; k++) {
      const p = { gamma_d: 0.1 + rand(), gamma_m: 0.1 + 3 * rand() };
      const dense = denseBlended(SZ, [{ rate: p.gamma_d, L: SZ }, { rate: p.gamma_m, L: SM }], 1);
      const muNum = Math.min(...numericEigen(dense).filter((z) => Math.abs(z[0]) > 1e-9).map((z) => -z[0]));
      const muRule = Math.min(...a.mu.candidates.map((c) => c.exact!.toComplex(p)[0]));
      expect(Math.abs(muRule - muNum)).toBeLessThan(1e-9);
    }
  });
});
