/**
 * The exact t → ∞ threshold of eq. 5 (src/reduced/exact-threshold.ts) against truths computed another
 * way here: the steady state of eq. 5 solved numerically in the vec form (4n complex unknowns, one
 * row replaced by the trace condition, mathjs `lusolve`), the first-order constant from the
 * singular-perturbation formula (Q⁺ acting on 𝓛_j ρ_r plus the consensus correction, mathjs `pinv`),
 * and exact identities of the roots (the defining polynomial vanishes at the exact form; Sturm's
 * isolating interval holds the double value).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complex, lusolve, pinv, type Complex } from 'mathjs';
import { parseModel } from '../../src/model/parse.ts';
import { laplacian } from '../../src/model/graph.ts';
import { deriveReduced } from '../../src/reduced/derive.ts';
import { KC_SYMBOL, largestPositiveRoot, steadyThreshold, type SteadyThreshold } from '../../src/reduced/exact-threshold.ts';
import { UniPoly } from '../../src/algebra/charpoly.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { EXAMPLE_1 } from './fixtures.ts';

type C = [number, number];

function setup(text: string, etas: Scalar[]) {
  const model = parseModel(text);
  const reduced = deriveReduced(model);
  const analysis = reduced.blendedAtValues ?? reduced.blended!;
  const st = analysis.steady.steadyStates;
  if (st.kind !== 'unique') throw new Error('expected a unique ρ_r');
  const L = laplacian(model.graph).substitute(model.parameters);
  const locals = reduced.localsAtValues!;
  const threshold = steadyThreshold(locals, L, st.rho, etas);
  return {
    threshold,
    n: model.qubits,
    locals: locals.map((l) => l.superop.toComplexRows()),
    Q: L.toComplexRows().map((row) => row.map((z) => z[0])),
    rhoR: st.rho.toComplexRows(),
  };
}

type Setup = ReturnType<typeof setup>;

/** vec ρ (column stacking) of a 2×2 complex matrix given by rows. */
function vec2(m: C[][]): C[] {
  return [m[0][0], m[1][0], m[0][1], m[1][1]];
}

function apply4(s: C[][], v: C[]): C[] {
  return s.map((row) => row.reduce<C>((acc, z, k) => [acc[0] + z[0] * v[k][0] - z[1] * v[k][1], acc[1] + z[0] * v[k][1] + z[1] * v[k][0]], [0, 0]));
}

function frob2(v: C[]): number {
  return v.reduce((s, z) => s + z[0] * z[0] + z[1] * z[1], 0);
}

/** max_j ‖ρ_j(∞) − ρ_r‖²_F from the numeric steady state of eq. 5 in the vec form. */
function numericSquaredErrors(s: Setup, K: number): number[] {
  const N = 4 * s.n;
  const G: Complex[][] = Array.from({ length: N }, (_, r) => Array.from({ length: N }, (_, c) => {
    const [j, k] = [Math.floor(r / 4), Math.floor(c / 4)];
    const z = j === k ? s.locals[j][r % 4][c % 4] : [0, 0];
    const q = r % 4 === c % 4 ? K * s.Q[j][k] : 0;
    return complex(z[0] - q, z[1]);
  }));
  // Σ_j tr ρ_j is conserved (its row functional annihilates G), so row 0 (ρ₁'s (0,0) entry) is a
  // combination of the others: replace it by Σ_j tr ρ_j = n.
  G[0] = Array.from({ length: N }, (_, c) => complex(c % 4 === 0 || c % 4 === 3 ? 1 : 0, 0));
  const b: Complex[] = Array.from({ length: N }, (_, r) => complex(r === 0 ? s.n : 0, 0));
  const x = (lusolve(G, b) as unknown as Complex[][]).map((row) => [row[0].re ?? (row[0] as unknown as number), row[0].im ?? 0] as C);
  const r = vec2(s.rhoR);
  return Array.from({ length: s.n }, (_, j) => frob2(x.slice(4 * j, 4 * j + 4).map((z, q) => [z[0] - r[q][0], z[1] - r[q][1]] as C)));
}

function derived(t: SteadyThreshold) {
  if (t.kind !== 'derived') throw new Error(`not derived: ${t.reason}`);
  return t;
}

const at = (e: Scalar, K: number) => e.toComplex({ [KC_SYMBOL]: K })[0];

describe('exact steady state of eq. 5 as a rational function of K_c', () => {
  const ex1 = setup(EXAMPLE_1, [Scalar.decimal('0.05'), Scalar.decimal('0.01')]);
  const ring5 = setup(readFileSync('derivations/ring-5-weighted.yaml', 'utf8'), [Scalar.decimal('0.05')]);

  it.each([['Example 1', ex1], ['ring-5-weighted', ring5]] as const)('%s: e_j(K_c) equals the numeric steady state of eq. 5 at several K_c', (_, s) => {
    const t = derived(s.threshold);
    for (const K of [0.3, 1, 4.7, 10.1, 55, 2000]) {
      const numeric = numericSquaredErrors(s, K);
      t.squaredErrors.forEach((e, j) => expect(Math.abs(at(e, K) - numeric[j])).toBeLessThan(1e-12 * Math.max(1e-6, numeric[j]) + 1e-16));
    }
  });

  it.each([['Example 1', ex1], ['ring-5-weighted', ring5]] as const)('%s: max_j e_j crosses η² at K_c,∞ and stays below after', (_, s) => {
    const t = derived(s.threshold);
    for (const entry of t.byEta) {
      const eta2 = entry.eta.toComplex()[0] ** 2;
      const K = entry.KcInfinity!.value;
      const worst = (k: number) => Math.max(...numericSquaredErrors(s, k));
      expect(Math.abs(worst(K) - eta2)).toBeLessThan(1e-9 * eta2);
      expect(worst(K * (1 - 1e-6))).toBeGreaterThan(eta2);
      for (const f of [1 + 1e-6, 1.5, 10, 1000]) expect(worst(K * f)).toBeLessThan(eta2);
      const [lo, hi] = entry.KcInfinity!.interval;
      expect(lo.toNumber()).toBeLessThanOrEqual(K);
      expect(hi.toNumber()).toBeGreaterThanOrEqual(K);
    }
  });

  it('Example 1: K_c,∞(η) is exact, a root of its defining polynomial, and c from the singular-perturbation formula', () => {
    const t = derived(ex1.threshold);
    for (const entry of t.byEta) {
      const root = entry.KcInfinity!;
      expect(root.exact).not.toBeNull();
      expect(root.polynomial.evaluate(root.exact!).isZero()).toBe(true);
      expect(Math.abs(root.exact!.toComplex()[0] - root.value)).toBe(0);
      expect(entry.KcAsymptotic!.mul(entry.eta).equals(t.c!)).toBe(true);
    }
    expect(t.c!.mul(t.c!).equals(t.cSquared)).toBe(true);
    expect(Math.abs(t.cValue - singularPerturbationConstant(ex1))).toBeLessThan(1e-12);
  });

  it('ring-5-weighted: c agrees with the singular-perturbation formula; K_c·max_j‖ρ_j − ρ_r‖ → c', () => {
    const t = derived(ring5.threshold);
    expect(Math.abs(t.cValue - singularPerturbationConstant(ring5))).toBeLessThan(1e-10);
    // K_c·max_j‖ρ_j − ρ_r‖ = c + O(1/K_c): at K_c = 10⁴ within 10⁻³·c (the O(1/K_c) term, not round-off).
    const K = 1e4;
    expect(Math.abs(K * Math.sqrt(Math.max(...numericSquaredErrors(ring5, K))) - t.cValue)).toBeLessThan(1e-3 * t.cValue);
  });
});

/**
 * c = max_j ‖x⁽¹⁾_j‖_F with x = 1⊗ρ_r + x⁽¹⁾/K_c + O(K_c⁻²): order K_c⁰ of (⊕𝓛_j − K_c Q⊗I)x = 0 gives
 * (Q⊗I)x⁽¹⁾ = f, f_j = 𝓛_j ρ_r, so x⁽¹⁾ = (Q⁺⊗I)f + 1⊗m; order K_c⁻¹ summed over j (1ᵀQ = 0) gives
 * Σ_j 𝓛_j x⁽¹⁾_j = 0, i.e. n𝓛̄ m = −Σ_j 𝓛_j((Q⁺⊗I)f)_j with tr m = 0 (the trace is fixed at order 0).
 */
function singularPerturbationConstant(s: Setup): number {
  const n = s.n;
  const Qp = pinv(s.Q) as number[][];
  const r = vec2(s.rhoR);
  const f = s.locals.map((Lj) => apply4(Lj, r));
  const u = Array.from({ length: n }, (_, j) => [0, 1, 2, 3].map((q) => f.reduce<C>((acc, fk, k) => [acc[0] + Qp[j][k] * fk[q][0], acc[1] + Qp[j][k] * fk[q][1]], [0, 0])));
  const rhs = u.reduce<C[]>((acc, uj, j) => apply4(s.locals[j], uj).map((z, q) => [acc[q][0] - z[0], acc[q][1] - z[1]]), [[0, 0], [0, 0], [0, 0], [0, 0]]);
  // Real 8×4 least squares (rows: n𝓛̄ m = rhs as 4 complex rows, and tr m = 0), m complex → 8 reals.
  const Lsum = s.locals.reduce((acc, Lj) => acc.map((row, a) => row.map((z, b) => [z[0] + Lj[a][b][0], z[1] + Lj[a][b][1]] as C)), Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => [0, 0] as C)));
  const rows: number[][] = [];
  const b: number[] = [];
  for (let a = 0; a < 4; a++) {
    rows.push(Lsum[a].flatMap((z) => [z[0], -z[1]]));
    b.push(rhs[a][0]);
    rows.push(Lsum[a].flatMap((z) => [z[1], z[0]]));
    b.push(rhs[a][1]);
  }
  rows.push([1, 0, 0, 0, 0, 0, 1, 0]); b.push(0);
  rows.push([0, 1, 0, 0, 0, 0, 0, 1]); b.push(0);
  const P = pinv(rows) as number[][];
  const mr = P.map((row) => row.reduce((acc, v, k) => acc + v * b[k], 0));
  const m: C[] = [0, 1, 2, 3].map((q) => [mr[2 * q], mr[2 * q + 1]]);
  return Math.max(...u.map((uj) => Math.sqrt(frob2(uj.map((z, q) => [z[0] + m[q][0], z[1] + m[q][1]] as C)))));
}

describe('largestPositiveRoot (Sturm isolation, exact forms)', () => {
  const poly = (c: number[]) => UniPoly.fromCoefficients(c);
  it('(x − 2)(x − 3)(x² − 2): 3, exact', () => {
    // (x² − 5x + 6)(x² − 2) = x⁴ − 5x³ + 4x² + 10x − 12
    const r = largestPositiveRoot(poly([-12, 10, 4, -5, 1]))!;
    expect(r.exact!.equals(Scalar.int(3))).toBe(true);
  });
  it('x² − x − 1: the golden ratio as a quadratic surd', () => {
    const r = largestPositiveRoot(poly([-1, -1, 1]))!;
    expect(r.exact!.toString()).toBe('1/2 + 1/2*sqrt(5)');
    expect(r.value).toBe((1 + Math.sqrt(5)) / 2);
  });
  it('x³ − 2: no exact form; the interval isolates 2^(1/3)', () => {
    const r = largestPositiveRoot(poly([-2, 0, 0, 1]))!;
    expect(r.exact).toBeNull();
    expect(Math.abs(r.value - Math.cbrt(2))).toBeLessThan(1e-15);
    expect(r.interval[0].toNumber()).toBeLessThan(Math.cbrt(2));
  });
  it('no positive root: null', () => {
    expect(largestPositiveRoot(poly([2, 3, 1]))).toBeNull();
  });
});
