import { characteristicPolynomial, exactRoots, quadraticRoots, type UniPoly } from '../algebra/charpoly.ts';
import { Rational } from '../algebra/rational.ts';
import { Scalar } from '../algebra/scalar.ts';
import { type Graph, components, laplacian } from './graph.ts';

/**
 * The spectrum of the graph Laplacian Q (paper §2.2), exact wherever it can be written exactly, for
 * any graph whose weights are constants. det(λI − Q) (Berkowitz, exact) is split by `exactRoots` into
 * verified factors over Q; each factor's roots are then written as:
 *   - degree 1: a rational;
 *   - degree 2: a quadratic surd (s ± √Δ)/2;
 *   - degree 3 with rational coefficients: irreducible over Q (its rational roots were found and
 *     divided out first, and a cubic without a rational root has no factor over Q), and all three roots
 *     are real because Q is symmetric — the casus irreducibilis, written trigonometrically (Viète):
 *     λ = −b/3 + 2r·cos(θ − 2πk/3), r = √(−p/3), θ = ⅓·arccos(3q/(2p r)), k = 0, 1, 2, where
 *     t³ + pt + q is the depressed cubic of λ³ + bλ² + cλ + d (λ = t − b/3);
 *   - otherwise: "the k-th smallest root of f(λ)", f the factor, with an isolating interval
 *     (the certified disc of `exactRoots` around the root, the intervals of f's roots disjoint).
 * The eigenvalues are listed in ascending order with their multiplicities; λ_m(Q) is the first
 * nonzero one (the zero eigenvalue has one copy per connected component), λ_max(Q) the last.
 */
export type LaplacianEigenvalueKind = 'rational' | 'quadratic-surd' | 'cubic-trigonometric' | 'algebraic';

export interface LaplacianEigenvalue {
  readonly kind: LaplacianEigenvalueKind;
  /** The eigenvalue as an exact scalar (rational and quadratic-surd kinds); null otherwise. */
  readonly exact: Scalar | null;
  readonly latex: string;
  readonly text: string;
  /** A double approximation. */
  readonly value: number;
  readonly multiplicity: number;
  /** The factor of det(λI − Q) over Q the eigenvalue is a root of (its minimal polynomial when `irreducible`). */
  readonly polynomial: { readonly text: string; readonly latex: string; readonly degree: number };
  /** True when `polynomial` is proven irreducible over Q (degree ≤ 3); null when not proven. */
  readonly irreducible: boolean | null;
  /** 1-based rank of the eigenvalue among the real roots of `polynomial`, ascending. */
  readonly rootIndex: number;
  /** An isolating interval [lo, hi] of the root (algebraic kind), decimal strings rounded outward. */
  readonly interval: readonly [string, string] | null;
}

export interface LaplacianSpectrum {
  /** det(λI − Q). */
  readonly characteristicPolynomial: { readonly text: string; readonly latex: string };
  /** Ascending, each distinct eigenvalue once with its multiplicity. */
  readonly eigenvalues: readonly LaplacianEigenvalue[];
  /** λ_m(Q), the smallest nonzero eigenvalue (null for a disconnected graph or a single qubit). */
  readonly lambdaMin: LaplacianEigenvalue | null;
  /** λ_max(Q) (null for a single qubit). */
  readonly lambdaMax: LaplacianEigenvalue | null;
}

/** Largest n for which the exact spectrum is computed (Berkowitz is O(n⁴) exact operations). */
export const LAPLACIAN_SPECTRUM_MAX_QUBITS = 16;

function isRationalScalar(s: Scalar): boolean {
  return s.isConstant() && s.constantValue().isRational();
}

function rationalOf(s: Scalar): Rational {
  return s.constantValue().toRational();
}

/** arccos(x)/π for the x whose arccos is a rational multiple of π with a square-root cosine. */
function arccosOverPi(x: Scalar): Rational | null {
  const half = Scalar.rational(1, 2);
  const table: [Scalar, Rational][] = [
    [Scalar.ONE, Rational.ZERO], [half, Rational.of(1, 3)], [Scalar.ZERO, Rational.of(1, 2)], [half.neg(), Rational.of(2, 3)], [Scalar.int(-1), Rational.ONE],
    [Scalar.sqrt(Scalar.int(2)).mul(half), Rational.of(1, 4)], [Scalar.sqrt(Scalar.int(2)).mul(half).neg(), Rational.of(3, 4)],
    [Scalar.sqrt(Scalar.int(3)).mul(half), Rational.of(1, 6)], [Scalar.sqrt(Scalar.int(3)).mul(half).neg(), Rational.of(5, 6)],
  ];
  return table.find(([c]) => c.equals(x))?.[1] ?? null;
}

/** cos(φπ) = sign·cos(ψπ) with ψ ∈ [0, 1/2]. */
function reduceAngle(phi: Rational): { sign: 1 | -1; psi: Rational } {
  const two = Rational.of(2);
  let a = phi;
  // Into [0, 2): subtract or add whole turns.
  while (a.sign() < 0) a = a.add(two);
  while (a.compare(two) >= 0) a = a.sub(two);
  if (a.compare(Rational.ONE) > 0) a = two.sub(a); // cos(2π − x) = cos x
  if (a.compare(Rational.of(1, 2)) > 0) return { sign: -1, psi: Rational.ONE.sub(a) }; // cos(π − x) = −cos x
  return { sign: 1, psi: a };
}

function piLatex(q: Rational): string {
  if (q.isZero()) return '0';
  const num = q.toString().split('/')[0];
  const den = q.toString().split('/')[1];
  const top = num === '1' ? '\\pi' : `${num}\\pi`;
  return den ? `\\frac{${top}}{${den}}` : top;
}

function piText(q: Rational): string {
  if (q.isZero()) return '0';
  const [num, den] = q.toString().split('/');
  return `${num === '1' ? '' : num}π${den ? `/${den}` : ''}`;
}

/** "a + b·cos(…)" with the sign of b folded into the operator. */
function joinLatex(shift: Scalar, coef: Scalar, cosLatex: string): string {
  const c = coef.isOne() ? '' : coef.needsParentheses() ? `\\left(${coef.toLatex()}\\right)` : coef.toLatex();
  const body = `${c}${cosLatex}`;
  if (shift.isZero()) return body;
  return `${shift.toLatex()} + ${body}`;
}

function joinText(shift: Scalar, coef: Scalar, cosText: string): string {
  const c = coef.isOne() ? '' : coef.needsParentheses() ? `(${coef.toString()})*` : `${coef.toString()}*`;
  return shift.isZero() ? `${c}${cosText}` : `${shift.toString()} + ${c}${cosText}`;
}

/** The three real roots of an irreducible rational cubic, ascending, in Viète's trigonometric form. */
function cubicRoots(f: UniPoly): { exact: null; latex: string; text: string; value: number }[] {
  const m = f.monic();
  const [d, c, b] = [m.coefficient(0), m.coefficient(1), m.coefficient(2)];
  const third = Scalar.rational(1, 3);
  const p = c.sub(b.mul(b).mul(third));
  const q = Scalar.rational(2, 27).mul(b.pow(3)).sub(b.mul(c).mul(third)).add(d);
  const r = Scalar.sqrt(p.neg().mul(third));
  const arg = Scalar.int(3).mul(q).div(Scalar.int(2).mul(p).mul(r));
  const shift = b.neg().mul(third);
  const twoR = Scalar.int(2).mul(r);
  const [rv, av, sv] = [r.toComplex()[0], arg.toComplex()[0], shift.toComplex()[0]];
  const theta = Math.acos(Math.max(-1, Math.min(1, av))) / 3;
  const known = arccosOverPi(arg);
  // k = 2, 1, 0 give the roots in ascending order (θ ∈ [0, π/3]).
  return [2, 1, 0].map((k) => {
    const value = sv + 2 * rv * Math.cos(theta - (2 * Math.PI * k) / 3);
    if (known) {
      const { sign, psi } = reduceAngle(known.div(Rational.of(3)).sub(Rational.of(2 * k, 3)));
      const coef = sign < 0 ? twoR.neg() : twoR;
      return {
        exact: null, value,
        latex: joinLatex(shift, coef, `\\cos ${piLatex(psi)}`).replace('+ -', '- '),
        text: joinText(shift, coef, `cos(${piText(psi)})`).replace('+ -', '- '),
      };
    }
    const turn = k === 0 ? '' : ` - \\frac{${2 * k}\\pi}{3}`;
    const turnText = k === 0 ? '' : ` - ${2 * k}π/3`;
    return {
      exact: null, value,
      latex: joinLatex(shift, twoR, `\\cos\\left(\\tfrac{1}{3}\\operatorname{arccos}\\left(${arg.toLatex()}\\right)${turn}\\right)`),
      text: joinText(shift, twoR, `cos(arccos(${arg.toString()})/3${turnText})`),
    };
  });
}

/** x rounded outward to 15 significant digits (below for `down`, above otherwise), as text. */
function outward(x: number, down: boolean): string {
  const margin = 1e-13 * Math.max(1, Math.abs(x));
  return String(Number((down ? x - margin : x + margin).toPrecision(15)));
}

/**
 * The exact Laplacian spectrum of a graph with constant weights (null when a weight is symbolic or
 * n > `LAPLACIAN_SPECTRUM_MAX_QUBITS`).
 * @example laplacianSpectrum(explicitGraph(3, [[1, 2, Scalar.ONE], [1, 3, Scalar.int(2)]]))?.lambdaMin?.text // => "3 - sqrt(3)"
 */
export function laplacianSpectrum(g: Graph): LaplacianSpectrum | null {
  if (g.qubits > LAPLACIAN_SPECTRUM_MAX_QUBITS) return null;
  const Q = laplacian(g);
  if (Q.freeParams().length > 0) return null;
  const chi = characteristicPolynomial(Q);
  const eigenvalues: LaplacianEigenvalue[] = [];
  for (const { poly, multiplicity } of exactRoots(chi).factors) {
    const f = poly.monic();
    const deg = f.degree();
    const rational = f.coefficients.every(isRationalScalar);
    const polynomial = { text: f.toString(), latex: f.toLatex(), degree: deg };
    const base = { multiplicity, polynomial };
    if (deg === 1) {
      const x = f.coefficient(0).neg();
      eigenvalues.push({ ...base, kind: isRationalScalar(x) ? 'rational' : 'quadratic-surd', exact: x, latex: x.toLatex(), text: x.toString(), value: x.toComplex()[0], irreducible: rational ? true : null, rootIndex: 1, interval: null });
    } else if (deg === 2) {
      quadraticRoots(f).slice().reverse().forEach((r, k) => {
        eigenvalues.push({ ...base, kind: 'quadratic-surd', exact: r.exact, latex: r.latex, text: r.exact?.toString() ?? r.latex, value: r.numeric[0], irreducible: rational ? true : null, rootIndex: k + 1, interval: null });
      });
    } else if (deg === 3 && rational) {
      cubicRoots(f).forEach((r, k) => eigenvalues.push({ ...base, kind: 'cubic-trigonometric', ...r, irreducible: true, rootIndex: k + 1, interval: null }));
    } else {
      const roots = exactRoots(f).roots.map((r) => ({ x: r.numeric[0], radius: r.radius ?? Infinity })).sort((a, b) => a.x - b.x);
      roots.forEach(({ x, radius }, k) => {
        const lo = outward(x - radius, true);
        const hi = outward(x + radius, false);
        const disjoint = (k === 0 || roots[k - 1].x + roots[k - 1].radius < x - radius) && (k === roots.length - 1 || x + radius < roots[k + 1].x - roots[k + 1].radius);
        const ordinal = `${k + 1}`;
        eigenvalues.push({
          ...base, kind: 'algebraic', exact: null, value: x, irreducible: null, rootIndex: k + 1,
          interval: Number.isFinite(radius) && disjoint ? [lo, hi] : null,
          latex: `\\lambda_{(${ordinal})}\\!\\left[${f.toLatex()}\\right]`,
          text: `root ${ordinal} of ${f.toString()}`,
        });
      });
    }
  }
  eigenvalues.sort((a, b) => a.value - b.value);
  const zeros = components(g).length;
  const nonzero = eigenvalues.filter((e) => !(e.exact?.isZero() ?? false));
  return {
    characteristicPolynomial: { text: chi.toString(), latex: chi.toLatex() },
    eigenvalues,
    lambdaMin: zeros === 1 && nonzero.length > 0 ? nonzero[0] : null,
    lambdaMax: g.qubits > 1 ? eigenvalues[eigenvalues.length - 1] : null,
  };
}

/**
 * λ_max(Q_d), the largest eigenvalue of the induced graph's Laplacian (the coupling superoperator
 * Σ a_jk (I − U_jk ⊗ U_jk), CONVENTIONS.md), exactly for n ≤ 4: Q_d ⪯ 2Σ a_jk·I since each
 * I − U_jk ⊗ U_jk is twice an orthogonal projection, and the bound is attained — vec(ρ) ↦ Σ_π sgn(π)
 * (U_π ⊗ U_π) vec(|l⟩⟨l'|) with the n ≤ 4 sites (l_j, l'_j) ∈ {00, 01, 10, 11} pairwise different is
 * nonzero and every U_jk ⊗ U_jk maps it to its negative. So λ_max(Q_d) = 2Σ_{{j,k}∈E} a_jk. For n > 4
 * no antisymmetric vector exists (five sites, four local states) and null is returned.
 * @example lambdaMaxInduced(explicitGraph(3, [[1, 2, Scalar.ONE], [1, 3, Scalar.int(2)]]))?.toString() // => "6"
 */
export function lambdaMaxInduced(g: Graph): Scalar | null {
  if (g.qubits > 4 || g.edges.length === 0) return g.edges.length === 0 ? Scalar.ZERO : null;
  return g.edges.reduce((acc, e) => acc.add(e.weight), Scalar.ZERO).mul(Scalar.int(2));
}
