import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characteristicPolynomial, exactRoots, squareFreeFactorization, UniPoly, type RootInfo } from '../../src/algebra/charpoly.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { embed, PAULI } from '../../src/algebra/operator.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { liouvillianParts } from '../../src/algebra/superop.ts';
import { cofactorDeterminant, matrixArb, S } from '../support/algebra-oracle.ts';

const i = Scalar.I;
const sqrt = (n: number): Scalar => Scalar.sqrt(S(n));
const lin = (r: Scalar): UniPoly => UniPoly.linear(r);
const g = Scalar.param('gamma');
const w = Scalar.param('omega');

/** det(λI − A) by cofactor expansion at an exact λ. */
const charAt = (a: ExactMatrix, lambda: Scalar): Scalar =>
  cofactorDeterminant(ExactMatrix.identity(a.rows).scale(lambda).sub(a));

/** The exact roots as a multiset of strings (order-free comparison). */
const exactSet = (roots: RootInfo[]): string[] =>
  roots.flatMap((r) => Array<string>(r.multiplicity).fill(r.exact?.toString() ?? `?${r.latex}`)).sort();

describe('UniPoly', () => {
  it('divmod, gcd, derivative and LaTeX', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 4 }), (a, b) => {
        const p = UniPoly.fromCoefficients(a);
        const d = UniPoly.fromCoefficients(b);
        if (d.degree() < 1) return true;
        const { quotient, remainder } = p.divmod(d);
        return quotient.mul(d).add(remainder).equals(p) && remainder.degree() < d.degree();
      }),
      { numRuns: 50 },
    );
    const p = lin(S(1)).pow(2).mul(lin(S(-3)));
    expect(p.gcd(p.derivative()).equals(lin(S(1)))).toBe(true);
    expect(UniPoly.fromCoefficients([S(1, 2), i.neg(), S(0), S(1)]).toLatex()).toBe('\\lambda^{3} - \\mathrm{i} \\lambda + \\frac{1}{2}');
    expect(UniPoly.fromCoefficients([g.neg().add(w), S(0), S(1)]).toLatex('x')).toBe('x^{2} - \\gamma + \\omega');
  });
});

describe('characteristicPolynomial (Berkowitz)', () => {
  it('equals det(λI − A) by cofactor expansion at deg + 1 points, random 4×4', () => {
    fc.assert(
      fc.property(matrixArb(4, 4), (a) => {
        const p = characteristicPolynomial(a);
        if (p.degree() !== 4 || !p.leading().isOne()) return false;
        return [0, 1, -1, 2, S(1, 2).add(i)].every((x) => {
          const l = typeof x === 'number' ? S(x) : x;
          return p.evaluate(l).equals(charAt(a, l));
        });
      }),
      { numRuns: 30 },
    );
  });

  it('symbolic 3×3: agrees with cofactor expansion at a symbolic λ-free set of points and Cayley–Hamilton holds', () => {
    const a = ExactMatrix.fromRows([
      [g, S(1), i.mul(w)],
      [w, S(2), sqrt(3)],
      [S(0), g.add(w), g.mul(w)],
    ]);
    const p = characteristicPolynomial(a);
    for (const x of [S(0), S(1), S(-2), S(1, 3), i]) expect(p.evaluate(x).equals(charAt(a, x))).toBe(true);
    // p(A) = 0
    let acc = ExactMatrix.zeros(3);
    for (let k = p.degree(); k >= 0; k--) acc = acc.mul(a).add(ExactMatrix.identity(3).scale(p.coefficient(k)));
    expect(acc.isZero()).toBe(true);
  });
});

describe('exactRoots', () => {
  it('(λ + 1/4)(λ² + λ + 1)(λ − i/2): every root exact, the quadratic pair written with √3', () => {
    const p = lin(S(-1, 4)).mul(UniPoly.fromCoefficients([1, 1, 1])).mul(lin(i.mul(S(1, 2))));
    const r = exactRoots(p);
    expect(r.complete).toBe(true);
    const third = S(-1, 2);
    const h = sqrt(3).mul(S(1, 2)).mul(i);
    expect(exactSet(r.roots)).toEqual([S(-1, 4), i.mul(S(1, 2)), third.add(h), third.sub(h)].map((x) => x.toString()).sort());
    const quad = r.roots.filter((x) => x.kind === 'quadratic-surd');
    expect(quad).toHaveLength(2);
    expect(quad.map((x) => x.latex).sort()).toEqual(['-\\frac{1}{2} + \\frac{\\sqrt{3}}{2}\\mathrm{i}', '-\\frac{1}{2} - \\frac{\\sqrt{3}}{2}\\mathrm{i}'].sort());
    // every exact root is a root, checked independently by substitution
    for (const x of r.roots) expect(p.evaluate(x.exact as Scalar).isZero()).toBe(true);
    // the factors multiply back to p (p is monic)
    const product = r.factors.reduce((acc, f) => acc.mul(f.poly.pow(f.multiplicity)), UniPoly.ONE);
    expect(product.equals(p)).toBe(true);
  });

  it('repeated roots carry their multiplicity; ±√2 come out exact from a verified quadratic', () => {
    const p = lin(S(1)).pow(3).mul(lin(S(-2)).pow(2)).mul(UniPoly.fromCoefficients([-2, 0, 1]));
    expect(squareFreeFactorization(p).map((f) => [f.poly.degree(), f.multiplicity])).toEqual([[2, 1], [1, 2], [1, 3]]);
    const r = exactRoots(p);
    expect(r.complete).toBe(true);
    expect(exactSet(r.roots)).toEqual(['-2', '-2', '1', '1', '1', 'sqrt(2)', '-1*sqrt(2)'].map((x) => (x === '-1*sqrt(2)' ? sqrt(2).neg().toString() : x)).sort());
  });

  it('roots a + b√m with the radicand taken from the coefficients', () => {
    const p = lin(S(1).add(sqrt(3))).mul(lin(sqrt(3).mul(S(2)))).mul(lin(S(-1)));
    const r = exactRoots(p);
    expect(r.complete).toBe(true);
    expect(r.roots.every((x) => x.kind === 'exact-in-field')).toBe(true);
    expect(exactSet(r.roots)).toEqual([S(1).add(sqrt(3)), sqrt(3).mul(S(2)), S(-1)].map((x) => x.toString()).sort());
  });

  it('a quadratic whose discriminant is a Gaussian rational with square norm: λ² − 6i has roots ±√3(1 + i)', () => {
    const r = exactRoots(UniPoly.fromCoefficients([i.mul(S(-6)), S(0), S(1)]));
    const root = sqrt(3).mul(S(1).add(i));
    expect(exactSet(r.roots)).toEqual([root, root.neg()].map((x) => x.toString()).sort());
  });

  it('an irreducible cubic stays numeric, with a certified inclusion radius around each approximation', () => {
    const p = UniPoly.fromCoefficients([-2, 0, 0, 1]).mul(lin(S(3)));
    const r = exactRoots(p);
    expect(r.complete).toBe(false);
    const numeric = r.roots.filter((x) => x.kind === 'numeric');
    expect(numeric).toHaveLength(3);
    const cbrt2 = Math.cbrt(2);
    const truth: [number, number][] = [0, 1, 2].map((k) => [cbrt2 * Math.cos((2 * Math.PI * k) / 3), cbrt2 * Math.sin((2 * Math.PI * k) / 3)]);
    for (const x of numeric) {
      expect(x.radius).toBeGreaterThan(0);
      expect(x.radius).toBeLessThan(1e-12);
      const dist = Math.min(...truth.map((t) => Math.hypot(t[0] - x.numeric[0], t[1] - x.numeric[1])));
      expect(dist).toBeLessThanOrEqual((x.radius as number) + 1e-15);
    }
    expect(r.roots.find((x) => x.kind === 'exact-in-field')?.exact?.toString()).toBe('3');
  });

  it('symbolic: affine roots −γ/2, −γ ± iω are found and verified; the rest is a symbolic quadratic', () => {
    const p = lin(g.mul(S(-1, 2)))
      .mul(lin(g.neg().add(i.mul(w))))
      .mul(lin(g.neg().sub(i.mul(w))))
      .mul(UniPoly.fromCoefficients([w.mul(w), g, S(1)]));
    const r = exactRoots(p);
    expect(r.complete).toBe(true);
    const exact = r.roots.filter((x) => x.kind === 'exact-in-field');
    expect(exact.map((x) => (x.exact as Scalar).toString()).sort()).toEqual(
      [g.mul(S(-1, 2)), g.neg().add(i.mul(w)), g.neg().sub(i.mul(w))].map((x) => x.toString()).sort(),
    );
    const quad = r.roots.filter((x) => x.kind === 'quadratic-surd').map((x) => x.latex).sort();
    expect(quad).toEqual(['\\frac{-\\gamma + \\sqrt{\\gamma^{2} - 4 \\omega^{2}}}{2}', '\\frac{-\\gamma - \\sqrt{\\gamma^{2} - 4 \\omega^{2}}}{2}'].sort());
    // numeric values at the reported sample point agree with the formula
    const params = r.params as Record<string, number>;
    for (const x of quad.length ? r.roots.filter((y) => y.kind === 'quadratic-surd') : []) {
      const v = UniPoly.fromCoefficients([w.mul(w), g, S(1)]).evaluateComplex(x.numeric, params);
      expect(Math.hypot(v[0], v[1])).toBeLessThan(1e-12);
    }
  });

  it('a 16×16 Liouvillian with a symbolic rate: linear and quadratic factors found, every root accounted for', () => {
    const h = embed(2, 1, PAULI.z).add(embed(2, 2, PAULI.z).scale(S(2)));
    const channels = [
      { rate: g, operator: embed(2, 1, PAULI.minus) },
      { rate: S(1), operator: embed(2, 2, PAULI.minus) },
    ];
    const { total } = liouvillianParts({ hamiltonian: h, channels, edges: [[1, 2, 1]], Kc: S(1) });
    const p = characteristicPolynomial(total);
    const r = exactRoots(p);
    expect(r.complete).toBe(true);
    expect(r.roots.reduce((n, x) => n + x.multiplicity, 0)).toBe(16);
    const product = r.factors.reduce((acc, f) => acc.mul(f.poly.pow(f.multiplicity)), UniPoly.ONE);
    expect(product.equals(p)).toBe(true);
    for (const x of r.roots) {
      if (x.exact) expect(p.evaluate(x.exact).isZero()).toBe(true);
      const v = p.evaluateComplex(x.numeric, r.params);
      // relative to the size of the terms of p at that point
      const scale = p.toComplexCoefficients(r.params).reduce((acc, c, k) => acc + Math.hypot(c[0], c[1]) * Math.hypot(...x.numeric) ** k, 0);
      expect(Math.hypot(v[0], v[1])).toBeLessThanOrEqual(1e-12 * scale);
    }
    // −γ/2 − 3/2 ± √3 i: a quadratic factor with a constant discriminant, exact in K(γ)
    const c = g.mul(S(-1, 2)).sub(S(3, 2));
    for (const sgn of [1, -1]) expect(r.roots.some((x) => x.exact?.equals(c.add(sqrt(3).mul(i).mul(S(sgn)))))).toBe(true);
  });

  it('the spectrum of a driven-free qubit Liouvillian: 0, −γ, −γ/2 − 2κ ± iω, all exact', () => {
    const k = Scalar.param('kappa');
    const { total } = liouvillianParts({
      hamiltonian: PAULI.z.scale(w.mul(S(1, 2))),
      channels: [
        { rate: g, operator: PAULI.minus },
        { rate: k, operator: PAULI.z },
      ],
    });
    const r = exactRoots(characteristicPolynomial(total));
    expect(r.complete).toBe(true);
    const coherence = g.mul(S(-1, 2)).sub(k.mul(S(2)));
    expect(exactSet(r.roots)).toEqual([S(0), g.neg(), coherence.add(i.mul(w)), coherence.sub(i.mul(w))].map((x) => x.toString()).sort());
  });
});
