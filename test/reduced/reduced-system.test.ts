import { describe, expect, it } from 'vitest';
import { PauliSum } from '../../src/algebra/pauli.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { explicitGraph } from '../../src/model/graph.ts';
import { localGenerators } from '../../src/reduced/blended-generator.ts';
import { initialReducedStates, reducedSystem } from '../../src/reduced/reduced-system.ts';
import { productState } from '../../src/model/network.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import {
  type C, type DenseModel, type M, SM, SP, SX, SY, SZ, eq4, eye, madd, onQubit, ptrace, randomDensity, rng, zeros,
} from './dense-reference.ts';

const TOL = 1e-11;

/** A random separable model, exact (for the engine) and dense (for the reference), from the same numbers. */
function randomSeparableModel(n: number, seed: number) {
  const rand = rng(seed);
  const q = (): [number, number] => [Math.floor(rand() * 13) - 6, 5];
  let H = PauliSum.zero(n);
  let Hd = zeros(2 ** n);
  const letters: [string, M][] = [['x', SX], ['y', SY], ['z', SZ]];
  for (let j = 1; j <= n; j++) {
    for (const [name, mat] of letters) {
      const [a, b] = q();
      H = H.add(PauliSum.local(n, j, name as 'x').scale(Scalar.rational(a, b)));
      Hd = madd(Hd, onQubit(n, j, mat), [a / b, 0]);
    }
  }
  // An identity component is harmless; include one.
  H = H.add(PauliSum.identity(n).scale(Scalar.rational(3, 2)));
  Hd = madd(Hd, eye(2 ** n), [1.5, 0]);
  const lindblad: { operator: PauliSum; rate: Scalar }[] = [];
  const channels: DenseModel['channels'] = [];
  for (let l = 0; l < n + 1; l++) {
    const j = 1 + Math.floor(rand() * n);
    const [a, b] = q();
    const [c, d] = q();
    const [e, f] = q();
    const rate = 1 + Math.floor(rand() * 4);
    // L = (a/b) σ₋ + i(c/d) σ₊ + (e/f) σz + ½ I on qubit j
    const op = PauliSum.local(n, j, '-').scale(Scalar.rational(a, b))
      .add(PauliSum.local(n, j, '+').scale(Scalar.I.mul(Scalar.rational(c, d))))
      .add(PauliSum.local(n, j, 'z').scale(Scalar.rational(e, f)))
      .add(PauliSum.identity(n).scale(Scalar.rational(1, 2)));
    lindblad.push({ operator: op, rate: Scalar.int(rate) });
    const L2: M = [
      [[e / f + 0.5, 0], [a / b, 0]],
      [[0, c / d], [-e / f + 0.5, 0]],
    ];
    channels.push({ rate, L: onQubit(n, j, L2) });
  }
  const edges: [number, number, Scalar][] = [];
  const dEdges: DenseModel['edges'] = [];
  for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) {
    if (rand() < 0.7) {
      const w = 1 + Math.floor(rand() * 3);
      edges.push([j, k, Scalar.int(w)]);
      dEdges.push({ j, k, w });
    }
  }
  return { exact: { qubits: n, hamiltonian: H, lindblad }, graph: explicitGraph(n, edges), dense: { n, H: Hd, channels, edges: dEdges } as DenseModel };
}

function vec2(m: M): C[] {
  return [m[0][0], m[1][0], m[0][1], m[1][1]];
}

describe('eq. 5 is the partial trace of eq. 4 (any state, entangled included)', () => {
  for (const n of [2, 3, 4]) {
    it(`n = ${n}: Tr_¬j of eq. 4's right-hand side equals eq. 5 on random entangled ρ`, () => {
      for (let trial = 0; trial < 3; trial++) {
        const { exact, graph, dense } = randomSeparableModel(n, 100 * n + trial);
        const Kc = 7 / 3;
        const G = reducedSystem(localGenerators(exact), graph, { Kc: Scalar.rational(7, 3) }).generator.toComplexRows();
        const rho = randomDensity(2 ** n, rng(7 + trial));
        const rhs = eq4(dense, rho, Kc);
        const x: C[] = [];
        for (let j = 1; j <= n; j++) x.push(...vec2(ptrace(rho, n, j)));
        for (let j = 1; j <= n; j++) {
          const expected = vec2(ptrace(rhs, n, j));
          for (let a = 0; a < 4; a++) {
            const row = G[4 * (j - 1) + a];
            let s: C = [0, 0];
            row.forEach((g, k) => {
              s = [s[0] + g[0] * x[k][0] - g[1] * x[k][1], s[1] + g[0] * x[k][1] + g[1] * x[k][0]];
            });
            expect(Math.abs(s[0] - expected[a][0])).toBeLessThan(TOL);
            expect(Math.abs(s[1] - expected[a][1])).toBeLessThan(TOL);
          }
        }
      }
    });
  }

  it('keeps K_c symbolic by default and reads reduced initial states from a product', () => {
    const { exact, graph } = randomSeparableModel(2, 5);
    const sys = reducedSystem(localGenerators(exact), graph);
    expect(sys.Kc.freeParams()).toEqual(['K_c']);
    const f = [ExactMatrix.fromRows([[1, 0], [0, 0]]), ExactMatrix.identity(2).scale(Scalar.rational(1, 2))];
    expect(initialReducedStates(productState(f, [null, null], '')).map((m) => m.toString())).toEqual(f.map((m) => m.toString()));
  });
});
