import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadModel } from '../../src/cli/load-model.ts';
import { parseModel } from '../../src/model/parse.ts';
import { lowerModel } from '../../src/model/lower.ts';
import { UserError } from '../../src/core/errors.ts';
import { add, c, embed, maxAbsDiff, scale, SX, SY, SZ, zeros, type CM } from '../support/model-oracle.ts';

const DERIVATIONS = join(import.meta.dirname, '..', '..', 'derivations');
const TOL = 1e-12;
const PAULI: Record<string, CM> = { x: SX, y: SY, z: SZ };

/** Rebuilds Σ coef ⊗ ops from lowered terms with the oracle's own matrices. */
function rebuild(n: number, terms: { coef: [number, number]; ops: Record<string, string> }[]): CM {
  let m = zeros(2 ** n);
  for (const t of terms) {
    let term: CM = scale(t.coef, embed([[c(1), c(0)], [c(0), c(1)]], 1, n));
    for (const [q, op] of Object.entries(t.ops)) term = mulM(term, embed(PAULI[op], Number(q), n));
    m = add(m, term);
  }
  return m;
}

function mulM(a: CM, b: CM): CM {
  return a.map((row, i) => b[0].map((_, j) => row.reduce<[number, number]>((acc, x, k) => [acc[0] + x[0] * b[k][j][0] - x[1] * b[k][j][1], acc[1] + x[0] * b[k][j][1] + x[1] * b[k][j][0]], [0, 0])));
}

describe('lowering to the numeric problem format', () => {
  it('Example 3 lowers to terms that rebuild the exact matrices', () => {
    const m = loadModel(join(DERIVATIONS, 'example-3.yaml'));
    const low = lowerModel(m, 10);
    expect(low.n).toBe(3);
    expect(low.Kc).toBe(10);
    expect(low.edges).toEqual([[1, 2, 1], [1, 3, 1], [2, 3, 1]]);
    expect(maxAbsDiff(rebuild(3, low.hamiltonian), m.hamiltonian.toMatrix().toComplexRows())).toBeLessThan(TOL);
    expect(low.lindblad).toHaveLength(1);
    expect(low.lindblad[0].rate).toBe(1);
    expect(maxAbsDiff(rebuild(3, low.lindblad[0].terms), m.lindblad[0].operator.toMatrix().toComplexRows())).toBeLessThan(TOL);
    expect(JSON.parse(JSON.stringify(low))).toEqual(low);
  });

  it('symbolic parameters: values from the file, overrides, and a clear error when missing', () => {
    const m = loadModel(join(DERIVATIONS, 'example-1-parametric.yaml'));
    expect(() => lowerModel(m, 1)).toThrow(UserError);
    expect(() => lowerModel(m, 1)).toThrow(/gamma_m, gamma_p have no value/);
    const low = lowerModel(m, 5, { gamma_m: 1, gamma_p: 3 });
    expect(low.lindblad.map((l) => l.rate)).toEqual([1, 3]);
    expect(low.hamiltonian).toEqual([{ coef: [1, 0], ops: { '1': 'z' } }]);
    const twice = lowerModel(m, 5, { gamma_m: 1, gamma_p: 3, omega: 2 });
    expect(twice.hamiltonian[0].coef).toEqual([2, 0]);
  });

  it('rejects a non-positive K_c', () => {
    const m = parseModel('name: a\nqubits: 2\ngraph: path\nhamiltonian: sz(1)\ninitial: {state: "|00><00|"}\n');
    expect(() => lowerModel(m, 0)).toThrow(/positive/);
    expect(maxAbsDiff(rebuild(2, lowerModel(m, 1).hamiltonian), embed(SZ, 1, 2))).toBe(0);
  });
});
