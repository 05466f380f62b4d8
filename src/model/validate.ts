import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { ModelTooLarge, type Warning } from '../core/errors.ts';
import { components, type Graph } from './graph.ts';
import { EXACT_DENSE_MAX_QUBITS, type ExactPath } from './network.ts';
import { isPositiveSemidefiniteExact } from './psd.ts';
import { EXACT_DENSE_LIMIT_HINT, SparseOperator } from './sparse.ts';
import { errorAt, locate, type Located } from './source.ts';

/**
 * The physical checks of a model, each raising one located `UserError` (or returning a warning):
 * a Hermitian Hamiltonian, real nonnegative rates, a density operator as initial state, a sensible
 * graph, and a size the requested exact path can handle. Everything is decided exactly.
 */

const OP_TEXT: Record<string, string> = { X: 'sx', Y: 'sy', Z: 'sz' };

/**
 * A Pauli expansion in the input syntax, e.g. `1/2*i*sx(1)*sy(2)`; long sums are shortened.
 * @example pauliToText(PauliSum.local(2, 2, 'z')) // => "sz(2)"
 */
export function pauliToText(p: PauliSum, maxTerms = 4): string {
  const ts = p.terms();
  if (ts.length === 0) return '0';
  const parts = ts.slice(0, maxTerms).map((t) => {
    const ops = [...t.letters].map((l, q) => (l === 'I' ? '' : `${OP_TEXT[l]}(${q + 1})`)).filter((s) => s);
    const coef = t.coef.toString();
    if (ops.length === 0) return coef === '1' ? 'I' : `${coef}*I`;
    if (coef === '1') return ops.join('*');
    if (coef === '-1') return `-${ops.join('*')}`;
    const c = /^-?[\w/]+$/.test(coef) ? coef : `(${coef})`;
    return `${c}*${ops.join('*')}`;
  });
  const more = ts.length > maxTerms ? ` + … (${ts.length - maxTerms} more terms)` : '';
  return parts.join(' + ').replace(/\+ -/g, '- ') + more;
}

/** H must equal H†: exactly when every Pauli coefficient is real. */
export function checkHamiltonian(h: PauliSum, at: Located): void {
  if (h.isHermitian()) return;
  const anti = h.antiHermitianPart();
  throw errorAt(at, `the Hamiltonian is not Hermitian: its anti-Hermitian part (H − H†)/2 is ${pauliToText(anti)}`,
    'H must equal H†: pair sp(j) with sm(j), give Pauli terms real coefficients, or move dissipation into lindblad:');
}

/**
 * A rate γ_l must be real and ≥ 0 (paper §2.1: γ_l > 0). A constant is decided exactly; a symbolic
 * rate is allowed and its positivity becomes an assumption (checked again once values are known).
 * Returns the assumption text, or null.
 */
export function checkRate(rate: Scalar, values: ReadonlyMap<string, Scalar>, at: Located, warnings: Warning[], context = ''): string | null {
  const r = rate.substitute(values);
  if (!r.isReal()) {
    throw errorAt(at, `the rate ${r.toString()}${context} is not real`, 'rates γ_l are nonnegative real numbers; put complex phases into the operator');
  }
  if (!r.isConstant()) return `${r.toString()} > 0 (a symbolic rate is assumed positive)`;
  const s = r.sign();
  if (s < 0) {
    throw errorAt(at, `the rate ${r.toString()}${context} is negative`, 'rates γ_l must be ≥ 0 for a Lindblad (completely positive) evolution; for a negative sign flip the operator instead of the rate');
  }
  if (s === 0) warnings.push({ message: 'this rate is zero, so the channel has no effect', location: locate(at) });
  return null;
}

/** A Lindblad operator of zero has no effect: worth a warning, not an error. */
export function checkLindbladOperator(l: PauliSum, at: Located, warnings: Warning[], context = ''): void {
  if (l.isZero()) warnings.push({ message: `this Lindblad operator${context} is zero, so the channel has no effect`, location: locate(at) });
}

/**
 * A ket |ψ⟩ = Σ_b c_b |b⟩ must be normalised, ⟨ψ|ψ⟩ = Σ_b |c_b|² = 1, decided exactly; its values
 * must be known. Returns ρ = |ψ⟩⟨ψ| (Hermitian, trace 1 and ⪰ 0 by construction).
 */
export function checkKet(amplitudes: ReadonlyMap<string, Scalar>, qubits: number, what: string, at: Located, validate = true): SparseOperator {
  const free = [...new Set([...amplitudes.values()].flatMap((a) => a.freeParams()))].sort();
  if (validate && free.length > 0) {
    throw errorAt(at, `${what} contains the symbolic parameter(s) ${free.join(', ')} without values`, 'give them values under parameters: so that the state can be checked');
  }
  let norm = Scalar.ZERO;
  for (const a of amplitudes.values()) norm = norm.add(a.mul(a.conj()));
  if (validate && !norm.equals(Scalar.ONE)) {
    const hint = norm.isZero()
      ? 'its amplitudes cancel: a state needs at least one nonzero amplitude'
      : norm.isConstant() && norm.isReal()
        ? `divide it by ${sqrtText(norm)}, or fix the coefficients so that the squared moduli sum to 1`
        : 'fix the coefficients so that the squared moduli sum to 1';
    throw errorAt(at, `${what} is not normalised: ⟨ψ|ψ⟩ = ${norm.toString()}, not 1`, hint);
  }
  const entries = [...amplitudes].flatMap(([r, a]) => [...amplitudes].map(([c, b]) => ({ row: r, col: c, value: a.mul(b.conj()) })));
  return SparseOperator.fromEntries(qubits, entries);
}

/** √x written for the hint, e.g. sqrt(2) for ⟨ψ|ψ⟩ = 2 (x a positive constant of the number field). */
function sqrtText(x: Scalar): string {
  try {
    return Scalar.sqrt(x).toString();
  } catch {
    return `the square root of ${x.toString()}`;
  }
}

function describeFailure(what: string, reason: string): string {
  return `${what} is not a density operator: ${reason}`;
}

/**
 * A single-qubit density operator: Hermitian, trace 1, ρ ⪰ 0 (for 2×2: a real nonnegative diagonal
 * and |ρ₀₁|² ≤ ρ₀₀ρ₁₁; decided by the general exact test).
 */
export function checkDensityMatrix(m: ExactMatrix, what: string, at: Located): void {
  if (m.freeParams().length > 0) {
    throw errorAt(at, `${what} contains the symbolic parameter(s) ${m.freeParams().join(', ')} without values`, 'give them values under parameters: so that the state can be checked');
  }
  if (!m.isHermitian()) {
    const bad = firstNonHermitian(m);
    throw errorAt(at, describeFailure(what, `it is not Hermitian (entry (${bad[0] + 1},${bad[1] + 1}) is ${m.get(bad[0], bad[1]).toString()} but entry (${bad[1] + 1},${bad[0] + 1}) is ${m.get(bad[1], bad[0]).toString()})`),
      'a density operator equals its conjugate transpose');
  }
  const tr = m.trace();
  if (!tr.equals(Scalar.ONE)) throw errorAt(at, describeFailure(what, `its trace is ${tr.toString()}, not 1`), 'normalize it');
  const psd = isPositiveSemidefiniteExact(m);
  if (!psd.psd) throw errorAt(at, describeFailure(what, `it is not positive semidefinite (${psd.reason})`), 'a density operator has no negative eigenvalues');
}

function firstNonHermitian(m: ExactMatrix): [number, number] {
  for (let i = 0; i < m.rows; i++) for (let j = i; j < m.cols; j++) if (!m.get(i, j).equals(m.get(j, i).conj())) return [i, j];
  return [0, 0];
}

/** Largest block of coupled basis states for which the exact PSD test runs. */
export const EXACT_PSD_MAX_BLOCK = 256;

/**
 * A density operator given by sparse entries, decided exactly at any n: ρ is Hermitian entry by
 * entry, tr ρ = Σ ρ_ll, and ρ ⪰ 0 iff each diagonal block is, where the blocks are the connected
 * components of the basis states that the nonzero entries couple (ρ is block diagonal in them, and
 * basis states never touched give zero rows).
 */
export function checkSparseDensity(op: SparseOperator, what: string, at: Located): void {
  const free = op.freeParams();
  if (free.length > 0) {
    throw errorAt(at, `${what} contains the symbolic parameter(s) ${free.join(', ')} without values`, 'give them values under parameters: so that the state can be checked');
  }
  for (const e of op.entries()) {
    const partner = op.get(e.col, e.row);
    if (!partner.equals(e.value.conj())) {
      throw errorAt(at, describeFailure(what, `it is not Hermitian: ⟨${e.row}|ρ|${e.col}⟩ = ${e.value.toString()} but ⟨${e.col}|ρ|${e.row}⟩ = ${partner.toString()}`),
        `add the conjugate term, e.g. |${e.col}><${e.row}| with coefficient ${e.value.conj().toString()}`);
    }
  }
  const tr = op.trace();
  if (!tr.equals(Scalar.ONE)) throw errorAt(at, describeFailure(what, `its trace is ${tr.toString()}, not 1`), 'normalize the coefficients so that the diagonal sums to 1');
  // Components of the coupling pattern (union-find on bit strings).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  for (const e of op.entries()) {
    if (!parent.has(e.row)) parent.set(e.row, e.row);
    if (!parent.has(e.col)) parent.set(e.col, e.col);
    const a = find(e.row);
    const b = find(e.col);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const blocks = new Map<string, string[]>();
  for (const x of [...parent.keys()].sort()) {
    const r = find(x);
    const list = blocks.get(r);
    if (list) list.push(x);
    else blocks.set(r, [x]);
  }
  for (const block of blocks.values()) {
    if (block.length > EXACT_PSD_MAX_BLOCK) {
      throw new ModelTooLarge(`${what} couples ${block.length} basis states in one block; its positivity cannot be checked exactly beyond ${EXACT_PSD_MAX_BLOCK}`,
        locate(at), 'write ρ(0) as a product of single-qubit factors (initial.product), which is checked factor by factor');
    }
    if (block.length === 1) {
      const d = op.get(block[0], block[0]);
      if (d.re().sign() < 0) throw errorAt(at, describeFailure(what, `the diagonal entry ⟨${block[0]}|ρ|${block[0]}⟩ = ${d.toString()} is negative`), 'populations must be ≥ 0');
      continue;
    }
    const sub = ExactMatrix.fromFunction(block.length, block.length, (i, j) => op.get(block[i], block[j]));
    const psd = isPositiveSemidefiniteExact(sub);
    if (!psd.psd) {
      throw errorAt(at, describeFailure(what, `it is not positive semidefinite on the states ${block.map((b) => `|${b}⟩`).join(', ')} (${psd.reason})`), 'a density operator has no negative eigenvalues');
    }
  }
}

/** A disconnected graph is allowed, with a warning: Theorems 1–4 assume a connected G. */
export function graphWarnings(g: Graph, at: Located): Warning[] {
  const comps = components(g);
  if (comps.length <= 1) return [];
  return [{
    message: `the graph is disconnected (${comps.length} components: ${comps.map((c) => `{${c.join(', ')}}`).join(', ')}); the paper's theorems assume a connected graph, so consensus and the K_c* bounds do not apply across components`,
    location: locate(at),
  }];
}

/**
 * An exact dense Liouvillian of n qubits is 4ⁿ×4ⁿ; beyond n = 5 (1024×1024) the exact dense path is
 * refused when the study demands it.
 */
export function checkExactPath(qubits: number, exact: ExactPath, at: Located): void {
  if (exact !== 'dense' || qubits <= EXACT_DENSE_MAX_QUBITS) return;
  const dim = 4 ** qubits;
  throw new ModelTooLarge(
    `exact: dense asks for exact dense superoperators of ${qubits} qubits: the Liouvillian is 4^${qubits} × 4^${qubits} = ${dim.toLocaleString('en-US')} × ${dim.toLocaleString('en-US')} (${(dim * dim).toLocaleString('en-US')} exact entries); the exact dense path stops at ${EXACT_DENSE_MAX_QUBITS} qubits`,
    locate(at),
    `use exact: auto (exact where n ≤ ${EXACT_DENSE_MAX_QUBITS}); ${EXACT_DENSE_LIMIT_HINT}`,
  );
}

