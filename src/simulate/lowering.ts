/**
 * The numeric inputs of a simulation, lowered once from the exact model: ρ(0) as a dense 2ⁿ×2ⁿ
 * matrix (n ≤ 10), the reduced states ρ_j(0), and exact matrices (generators of `reduced/`).
 * Exact values become doubles here and nowhere else in the simulate layer.
 */
import { UserError, ModelTooLarge } from '../core/errors.ts';
import { type CMatrix, zeros } from '../numeric/cmatrix.ts';
import { MAX_FULL_QUBITS, fullStateMemoryBytes } from '../numeric/lindblad-action.ts';
import { stateOperator, type NetworkModel } from '../model/network.ts';
import type { Scalar } from '../algebra/scalar.ts';
import type { ExactMatrix } from '../algebra/matrix.ts';

/** Parameter values of a model as doubles (for `Scalar.toComplex`). */
export function parameterValues(model: NetworkModel): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [k, v] of model.parameters) values[k] = v.toComplex()[0];
  return values;
}

/** A real exact scalar as a double (throws if it has an imaginary part or a free parameter). */
export function lowerReal(s: Scalar, params: Readonly<Record<string, number>>, what: string): number {
  const [re, im] = s.toComplex(params);
  if (!Number.isFinite(re) || Math.abs(im) > 1e-12 * Math.max(1, Math.abs(re))) {
    throw new UserError(`${what} is not a finite real number (${re} + ${im}i)`);
  }
  return re;
}

/**
 * ρ(0) as a dense 2ⁿ×2ⁿ `CMatrix` (row-major, qubit 1 the most significant bit), built from the
 * sparse entries of the exact initial state. Refused beyond n = 10 like the full propagation.
 */
export function lowerInitialState(model: NetworkModel, params: Readonly<Record<string, number>>): CMatrix {
  const n = model.qubits;
  if (n > MAX_FULL_QUBITS) {
    throw new ModelTooLarge(`the full ρ(0) of n = ${n} qubits has 4^${n} entries (a propagation would need ≈ ${(fullStateMemoryBytes(n) / 2 ** 30).toFixed(1)} GiB); the limit is n = ${MAX_FULL_QUBITS}`,
      { field: 'qubits' }, 'use the reduced-state network (eq. 5) or the orbit basis (eq. 17)');
  }
  const D = 2 ** n;
  const rho = zeros(D, D);
  for (const e of stateOperator(model.initial).entries()) {
    const r = parseInt(e.row, 2);
    const c = parseInt(e.col, 2);
    const [re, im] = e.value.toComplex(params);
    rho.data[2 * (r * D + c)] += re;
    rho.data[2 * (r * D + c) + 1] += im;
  }
  return rho;
}

/**
 * The reduced initial states ρ_j(0) (2×2 each). For a product state these are its factors; otherwise
 * they are partial traces of the sparse ρ(0), computed entry by entry (works at any n).
 */
export function lowerReducedInitialStates(model: NetworkModel, params: Readonly<Record<string, number>>): CMatrix[] {
  const n = model.qubits;
  if (model.initial.kind === 'product') {
    return model.initial.factors.map((f) => {
      const out = zeros(2, 2);
      for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) {
        const [re, im] = f.get(r, c).toComplex(params);
        out.data[2 * (2 * r + c)] = re;
        out.data[2 * (2 * r + c) + 1] = im;
      }
      return out;
    });
  }
  const out = Array.from({ length: n }, () => zeros(2, 2));
  for (const e of stateOperator(model.initial).entries()) {
    const [re, im] = e.value.toComplex(params);
    for (let j = 0; j < n; j++) {
      // |row⟩⟨col| contributes to ρ_j iff the other qubits agree (the trace over them).
      let same = true;
      for (let q = 0; q < n && same; q++) if (q !== j && e.row[q] !== e.col[q]) same = false;
      if (!same) continue;
      const a = e.row[j] === '1' ? 1 : 0;
      const b = e.col[j] === '1' ? 1 : 0;
      out[j].data[2 * (2 * a + b)] += re;
      out[j].data[2 * (2 * a + b) + 1] += im;
    }
  }
  return out;
}

/**
 * An exact matrix lowered to a `CMatrix` once (row-major, as the exact matrix's rows; for the 4×4
 * superoperators of `reduced/` that is the column-stacked vec convention of CONVENTIONS.md).
 */
export function lowerMatrix(m: ExactMatrix, params: Readonly<Record<string, number>>): CMatrix {
  const out = zeros(m.rows, m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) {
    const [re, im] = m.get(r, c).toComplex(params);
    out.data[2 * (r * m.cols + c)] = re;
    out.data[2 * (r * m.cols + c) + 1] = im;
  }
  return out;
}
