import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadModel } from '../../src/cli/load-model.ts';
import { parseModel } from '../../src/model/parse.ts';
import { lowerModel } from '../../src/model/lower.ts';
import { denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { expm } from '../../src/numeric/expm.ts';
import { matvecInto, scale, vec, zeros } from '../../src/numeric/cmatrix.ts';
import { ModelTooLarge } from '../../src/core/errors.ts';
import { simulateModel, studyTimes, type Curve } from '../../src/simulate/simulate.ts';
import { simulationToJson, roundSignificant } from '../../src/report/json/simulation.ts';
import { simulationInputs } from '../support/theorems.ts';
import { buildSimulationContext, reducedSeries, fullSeries, coherentOnGrid } from '../../src/simulate/context.ts';
import { propagateFullNetwork } from '../../src/simulate/full-network.ts';
import { lowerInitialState } from '../../src/simulate/lowering.ts';
import { blochVector } from '../../src/simulate/density.ts';

// Tolerances (numeric tests declare them up front, STYLE.md §5).
const EXACT_PROPAGATION = 1e-11; // two exact-in-exact-arithmetic propagators against each other
const CLOSED_FORM = 1e-12; // against a closed form
const MONITOR = 1e-12; // trace drift, Hermiticity, positivity
const KRYLOV_VS_DENSE = 1e-10; // issue 5: Krylov within 1e-10 of a dense exponential

const fixture = (name: string) => loadModel(join(import.meta.dirname, 'fixtures', `${name}.yaml`));

/** Naive partial trace, written independently of src/simulate/density.ts: sum over the other bits. */
function naivePartialTrace(rho: Float64Array, n: number, j: number): number[] {
  const D = 2 ** n;
  const out = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let l = 0; l < D; l++) {
    for (let lp = 0; lp < D; lp++) {
      const bits = l.toString(2).padStart(n, '0');
      const bitsP = lp.toString(2).padStart(n, '0');
      let same = true;
      for (let q = 0; q < n; q++) if (q !== j - 1 && bits[q] !== bitsP[q]) same = false;
      if (!same) continue;
      const a = Number(bits[j - 1]);
      const b = Number(bitsP[j - 1]);
      out[2 * (2 * a + b)] += rho[2 * (l * D + lp)];
      out[2 * (2 * a + b) + 1] += rho[2 * (l * D + lp) + 1];
    }
  }
  return out;
}

function curve(curves: readonly Curve[], metric: Curve['metric'], Kc: number, qubit?: Curve['qubit']): Curve {
  const c = curves.find((x) => x.metric === metric && x.Kc === Kc && (qubit === undefined || x.qubit === qubit));
  if (!c) throw new Error(`no curve ${metric} at K_c = ${Kc}`);
  return c;
}

describe('eq. 5 against eq. 4 (separable models)', () => {
  it('the reduced-state network equals the partial traces of the full network (Krylov), Example 1 and a random separable model', () => {
    const random = parseModel([
      'name: random-separable', 'qubits: 4', 'graph: {edges: [[1, 2, 1/2], [2, 3, 2], [3, 4, 1], [1, 4, 3/2]]}',
      'hamiltonian: "0.7 sx(1) - 0.3 sy(2) + 1.1 sz(3) + 0.4 sx(4) + 0.2 sz(4)"',
      'lindblad:', '  - {operator: "sm(1) + 0.5 sz(1)", rate: 0.3}', '  - {operator: sp(3), rate: 0.8}', '  - {operator: "sx(4) + 0.3 sy(4)", rate: 0.25}',
      // a non-product (entangled) initial state: eq. 5 is exact for any ρ(0)
      'initial: {state: "(1/2)(|0101><0101| + |1010><1010| + |0101><1010| + |1010><0101|)"}',
    ].join('\n'));
    for (const [model, Kc] of [[fixture('example1'), 7], [random, 3]] as const) {
      const ctx = buildSimulationContext(simulationInputs(model));
      const t = [0, 0.25, 0.5, 1, 2, 3.5];
      const rs = reducedSeries(ctx, Kc, t);
      const n = model.qubits;
      const states: Float64Array[] = [];
      propagateFullNetwork(lowerModel(model, Kc), ctx.rho0!, t, { method: 'krylov', tolerance: 1e-13, onState: (_k, _t, rho) => states.push(rho.slice()) });
      let worst = 0;
      for (let k = 0; k < t.length; k++) {
        for (let j = 1; j <= n; j++) {
          const pt = naivePartialTrace(states[k], n, j);
          for (let q = 0; q < 8; q++) worst = Math.max(worst, Math.abs(pt[q] - rs.rho[j - 1][k].data[q]));
        }
      }
      expect(worst).toBeLessThan(EXACT_PROPAGATION);
    }
  });

  it('simulateModel reports the eq. 5 / eq. 4 agreement and healthy monitors', () => {
    const sim = simulateModel(simulationInputs(fixture('example1')));
    for (const run of sim.runs) {
      expect(run.eq5VsEq4!).toBeLessThan(EXACT_PROPAGATION);
      expect(run.full!.monitors.maxTraceDrift).toBeLessThan(MONITOR);
      expect(run.full!.monitors.maxHermiticityDrift).toBeLessThan(MONITOR);
      expect(run.full!.monitors.minEigenvalue).toBeGreaterThan(-MONITOR);
    }
  });
});

describe('eq. 4 propagators', () => {
  it('dense-expm and Krylov agree across K_c from 0.1 to 10⁵ (Example 3)', () => {
    const model = fixture('example3');
    const ctx = buildSimulationContext(simulationInputs(model));
    const t = [0, 0.1, 0.7, 2];
    for (const Kc of [0.1, 10, 1e3, 1e5]) {
      const low = lowerModel(model, Kc);
      const a: Float64Array[] = [];
      const b: Float64Array[] = [];
      propagateFullNetwork(low, ctx.rho0!, t, { method: 'dense-expm', onState: (_k, _t, r) => a.push(r.slice()) });
      const run = propagateFullNetwork(low, ctx.rho0!, t, { method: 'krylov', tolerance: 1e-12, onState: (_k, _t, r) => b.push(r.slice()) });
      for (let k = 0; k < t.length; k++) for (let q = 0; q < a[k].length; q++) expect(Math.abs(a[k][q] - b[k][q])).toBeLessThan(KRYLOV_VS_DENSE);
      expect(run.work.matvecs).toBeLessThan(2000);
    }
  });

  it('the rounding floor u‖𝓛‖T‖ρ₀‖_F predicts how far two exact methods drift apart at stiff K_c (Example 3, [0, 20])', () => {
    // At n = 3 the Krylov basis reaches all 64 dimensions, so dense-expm and Krylov are both exact
    // apart from rounding: their difference measures the double-precision floor itself. It grows
    // ∝ K_c (‖𝓛‖ ∝ K_c) and must sit within a modest factor of the predicted floor, far above the
    // requested tolerance 1e-13 at K_c = 10⁷.
    const model = fixture('example3');
    const ctx = buildSimulationContext(simulationInputs(model));
    const t = [0, 0.5, 3, 10, 20];
    for (const Kc of [1e5, 1e7]) {
      const low = lowerModel(model, Kc);
      const a: Float64Array[] = [];
      const b: Float64Array[] = [];
      const dense = propagateFullNetwork(low, ctx.rho0!, t, { method: 'dense-expm', onState: (_k, _t, r) => a.push(r.slice()) });
      const krylov = propagateFullNetwork(low, ctx.rho0!, t, { method: 'krylov', tolerance: 1e-13, onState: (_k, _t, r) => b.push(r.slice()) });
      let gap = 0;
      for (let k = 0; k < t.length; k++) gap = Math.max(gap, Math.hypot(...a[k].map((x, q) => x - b[k][q])));
      const floor = dense.roundoffFloor + krylov.roundoffFloor;
      expect(gap).toBeLessThan(20 * floor);
      expect(gap).toBeGreaterThan(floor / 100);
      // The Krylov estimate of ‖𝓛‖₂ is a lower bound, the dense one √(‖𝓛‖₁‖𝓛‖_∞) an upper bound.
      expect(krylov.roundoffFloor).toBeLessThanOrEqual(dense.roundoffFloor * (1 + 1e-12));
      expect(krylov.roundoffFloor).toBeGreaterThan(0.5 * dense.roundoffFloor);
    }
  });

  it('refuses n > 10 with the memory it would need', () => {
    const big = parseModel('name: big\nqubits: 11\ngraph: ring\nhamiltonian: sz(1)\ninitial: {state: "|00000000000><00000000000|"}\n');
    expect(() => lowerInitialState(big, {})).toThrow(ModelTooLarge);
    expect(() => lowerInitialState(big, {})).toThrow(/GiB/);
  });
});

describe('eq. 6: Example 2 in closed form', () => {
  it('ρ_b(t) precesses about (1,1,1)/√3 at angular frequency 2|h̄| = 2/√3', () => {
    // Derivation: 𝓛̄ρ = −i[h̄·σ, ρ] with h̄ = (1/3)(1, 1, 1); for ρ = ½(I + r·σ), [h·σ, r·σ] = 2i(h×r)·σ,
    // so dr/dt = 2 h̄ × r: a rotation about n̂ = h̄/|h̄| at ω = 2|h̄| = 2/√3 (Rodrigues' formula).
    const model = fixture('example2');
    const sim = simulateModel(simulationInputs(model), { Kc: [40] });
    const nHat = [1, 1, 1].map((x) => x / Math.sqrt(3));
    const omega = 2 / Math.sqrt(3);
    const r0 = [1 / 3, 0, 0]; // mean of the Bloch vectors (0,0,1), (1,0,0), (0,0,−1)
    const cross = (a: number[], b: number[]) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    const dot = nHat[0] * r0[0] + nHat[1] * r0[1] + nHat[2] * r0[2];
    const nxr = cross(nHat, r0);
    const [bx, by, bz] = (['fig3.blochX', 'fig3.blochY', 'fig3.blochZ'] as const).map((m) => curve(sim.curves, m, 40, 'blended'));
    sim.t.forEach((t, k) => {
      const c = Math.cos(omega * t);
      const s = Math.sin(omega * t);
      const expected = [0, 1, 2].map((i) => r0[i] * c + nxr[i] * s + nHat[i] * dot * (1 - c));
      expect(Math.abs(bx.values[k] - expected[0])).toBeLessThan(CLOSED_FORM);
      expect(Math.abs(by.values[k] - expected[1])).toBeLessThan(CLOSED_FORM);
      expect(Math.abs(bz.values[k] - expected[2])).toBeLessThan(CLOSED_FORM);
    });
    const ends = sim.bloch.find((b) => b.state === 'blended' && b.Kc === 40)!;
    expect(ends.initial[0]).toBeCloseTo(1 / 3, 14);
    expect(blochVector(sim.context.separableData!.rhoB0)).toEqual([expect.closeTo(1 / 3, 14), expect.closeTo(0, 14), expect.closeTo(0, 14)]);
    expect(sim.relaxing).toBe(false);
    expect(sim.curves.some((c) => c.metric.startsWith('fig1'))).toBe(false);
  });
});

describe('Figs. 1–3: Example 1', () => {
  const sim = simulateModel(simulationInputs(fixture('example1')));

  it('ρ_r is diag(1/4, 3/4) (the blended steady state of eq. 9)', () => {
    // Populations: σ₋ at rate 1/3 moves |1⟩ → |0⟩, √3σ₊ at rate 1/3·3 = 1 moves |0⟩ → |1⟩; balance p₀·1 = p₁/3.
    expect(sim.steadyState!.value[0][0][0]).toBeCloseTo(0.25, 13);
    expect(sim.steadyState!.value[1][1][0]).toBeCloseTo(0.75, 13);
    expect(Math.hypot(...sim.steadyState!.value[0][1])).toBeLessThan(1e-13);
  });

  it('curves for K_c = 1, 5, 10, 40 decrease toward ρ_r and K_c = 40 ends within η = 0.05', () => {
    const finals = [1, 5, 10, 40].map((Kc) => {
      const c = curve(sim.curves, 'fig1.maxDistanceToSteadyState', Kc);
      expect(c.values[c.values.length - 1]).toBeLessThan(c.values[0]);
      return c.values[c.values.length - 1];
    });
    for (let i = 1; i < finals.length; i++) expect(finals[i]).toBeLessThan(finals[i - 1]);
    expect(finals[3]).toBeLessThan(0.05);
    // per-qubit curves exist, and their max is the max curve
    const per = [1, 2, 3].map((j) => curve(sim.curves, 'fig1.distanceToSteadyState', 40, j));
    const mx = curve(sim.curves, 'fig1.maxDistanceToSteadyState', 40);
    mx.values.forEach((v, k) => expect(v).toBe(Math.max(...per.map((p) => p.values[k]))));
  });

  it('Fig. 2 and Fig. 3 data are consistent with the states (Bloch vector ↔ distance)', () => {
    // ‖ρ − σ‖_F = |r_ρ − r_σ|/√2 for single-qubit states.
    const b = (m: 'fig3.blochX' | 'fig3.blochY' | 'fig3.blochZ', q: number | 'blended') => curve(sim.curves, m, 10, q).values;
    const d = curve(sim.curves, 'fig2.distanceToBlended', 10, 2).values;
    d.forEach((v, k) => {
      const dr = Math.hypot(b('fig3.blochX', 2)[k] - b('fig3.blochX', 'blended')[k], b('fig3.blochY', 2)[k] - b('fig3.blochY', 'blended')[k], b('fig3.blochZ', 2)[k] - b('fig3.blochZ', 'blended')[k]);
      expect(Math.abs(v - dr / Math.SQRT2)).toBeLessThan(1e-13);
    });
    const q1 = sim.bloch.find((x) => x.Kc === 40 && x.state === 1)!;
    expect(q1.initial).toEqual([0, 0, 1]); // |0⟩⟨0|
  });
});

describe('Figs. 6–7: Example 3', () => {
  const model = fixture('example3');
  const ctx = buildSimulationContext(simulationInputs(model));
  const t = [0, 0.3, 1, 2.5];
  const Kc = 10;

  it('Fig. 7 equals ‖ρ − 𝒫_*ρ‖_F with 𝒫_* the average of U_πρU_π† over all 6 permutations', () => {
    const states: Float64Array[] = [];
    propagateFullNetwork(lowerModel(model, Kc), ctx.rho0!, t, { onState: (_k, _t, r) => states.push(r.slice()) });
    const fs = fullSeries(ctx, Kc, t);
    const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const permute = (l: number, p: number[]) => {
      const bits = l.toString(2).padStart(3, '0');
      return parseInt(p.map((i) => bits[i]).join(''), 2);
    };
    states.forEach((rho, k) => {
      const avg = new Float64Array(rho.length);
      for (const p of perms) for (let l = 0; l < 8; l++) for (let lp = 0; lp < 8; lp++) {
        const src = 2 * (permute(l, p) * 8 + permute(lp, p));
        avg[2 * (l * 8 + lp)] += rho[src] / 6;
        avg[2 * (l * 8 + lp) + 1] += rho[src + 1] / 6;
      }
      let s = 0;
      for (let q = 0; q < rho.length; q++) s += (rho[q] - avg[q]) ** 2;
      expect(Math.abs(fs.symmetrizationError![k] - Math.sqrt(s))).toBeLessThan(1e-13);
    });
    expect(fs.symmetrizationError![0]).toBeGreaterThan(0.1); // ρ(0) is not permutation invariant
  });

  it('Fig. 6 equals ‖ρ − vec⁻¹(P_d y_d)‖ with P_d and Proj(A_d) = P_dᵀAP_d built densely in the test', () => {
    // P_d from orbits computed by sorting the (row bit, column bit) pairs of each matrix unit.
    const D = 8;
    const key = (l: number, lp: number) => [0, 1, 2].map((q) => `${(l >> q) & 1}${(lp >> q) & 1}`).sort().join();
    const orbitOf = new Map<string, number[]>();
    for (let lp = 0; lp < D; lp++) for (let l = 0; l < D; l++) {
      const k = key(l, lp);
      if (!orbitOf.has(k)) orbitOf.set(k, []);
      orbitOf.get(k)!.push(l + D * lp); // column-stacked vec index
    }
    const orbits = [...orbitOf.values()];
    expect(orbits.length).toBe(20);
    const A = denseLiouvillian({ ...lowerModel(model, 1), edges: [], Kc: 0 }).total; // A_d without coupling
    const p = orbits.length;
    const proj = zeros(p, p);
    orbits.forEach((rows, m) => orbits.forEach((cols, mp) => {
      let re = 0;
      let im = 0;
      for (const r of rows) for (const c of cols) {
        re += A.data[2 * (r * 64 + c)];
        im += A.data[2 * (r * 64 + c) + 1];
      }
      const w = 1 / Math.sqrt(rows.length * cols.length);
      proj.data[2 * (m * p + mp)] = re * w;
      proj.data[2 * (m * p + mp) + 1] = im * w;
    }));
    const y0v = vec(ctx.rho0!);
    const yd0 = new Float64Array(2 * p);
    orbits.forEach((rows, m) => {
      for (const r of rows) {
        yd0[2 * m] += y0v[2 * r] / Math.sqrt(rows.length);
        yd0[2 * m + 1] += y0v[2 * r + 1] / Math.sqrt(rows.length);
      }
    });
    const states: Float64Array[] = [];
    propagateFullNetwork(lowerModel(model, Kc), ctx.rho0!, t, { onState: (_k, _t, r) => states.push(vec({ rows: 8, cols: 8, data: r.slice() })) });
    const fs = fullSeries(ctx, Kc, t);
    t.forEach((tk, k) => {
      const E = expm(scale(proj, tk));
      const yd = matvecInto(new Float64Array(2 * p), E, yd0);
      let s = 0;
      orbits.forEach((rows, m) => {
        for (const r of rows) {
          const dr = states[k][2 * r] - yd[2 * m] / Math.sqrt(rows.length);
          const di = states[k][2 * r + 1] - yd[2 * m + 1] / Math.sqrt(rows.length);
          s += dr * dr + di * di;
        }
      });
      expect(Math.abs(fs.coherentError![k] - Math.sqrt(s))).toBeLessThan(1e-11);
    });
    // y_d(0) from the sparse initial state = P_dᵀ vec ρ(0) from the dense one (up to the orbit order: compare norms)
    const mine = coherentOnGrid(ctx.coherentData!, [0])[0];
    const nrm = (v: Float64Array) => Math.hypot(...v);
    expect(Math.abs(nrm(mine) - nrm(yd0))).toBeLessThan(1e-14);
  });

  it('only Figs. 6–7 apply to the non-separable model (with each qubit’s Pauli expectations from eq. 4); the curves decrease with K_c', () => {
    const sim = simulateModel(simulationInputs(model));
    expect(sim.separable).toBe(false);
    expect(new Set(sim.curves.map((c) => c.metric))).toEqual(new Set(['fig6.coherentError', 'fig7.symmetrizationError', 'pauli.x', 'pauli.y', 'pauli.z']));
    // One Pauli curve per qubit and component at the largest gain, each in [−1, 1].
    expect(sim.curves.filter((c) => c.metric === 'pauli.z').map((c) => [c.qubit, c.Kc])).toEqual(Array.from({ length: sim.n }, (_, j) => [j + 1, Math.max(...sim.Kc)]));
    for (const c of sim.curves.filter((x) => x.metric.startsWith('pauli.'))) for (const v of c.values) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-12);
    const late = (Kc: number) => {
      const c = curve(sim.curves, 'fig7.symmetrizationError', Kc);
      return Math.max(...c.values.slice(c.values.length / 2));
    };
    expect(late(100)).toBeLessThan(late(10));
    expect(late(10)).toBeLessThan(late(1));
  });
});

describe('JSON', () => {
  it('is deterministic and rounds to 10 significant digits', () => {
    const model = fixture('example1');
    const a = JSON.stringify(simulationToJson(simulateModel(simulationInputs(model), { Kc: [5] })));
    const b = JSON.stringify(simulationToJson(simulateModel(simulationInputs(model), { Kc: [5] })));
    expect(a).toBe(b);
    const j = JSON.parse(a);
    expect(j.numeric).toBe(true);
    expect(j.significantDigits).toBe(10);
    expect(j.curves[0]).toHaveProperty('metric');
    expect(j.curves[0]).toHaveProperty('t');
    expect(j.monitors[0]).toHaveProperty('maxTraceDrift');
    for (const c of j.curves) for (const v of c.values) if (v !== null && v !== 0) expect(String(Math.abs(v)).replace(/^0\.0*|\.|e.*$/g, '').length).toBeLessThanOrEqual(10);
    expect(roundSignificant(1 / 3)).toBe(0.3333333333);
    expect(roundSignificant(Infinity)).toBeNull();
  });

  it('the study grid is the file\'s', () => {
    const t = studyTimes(fixture('example3'));
    expect(t.length).toBe(201);
    expect(t[200]).toBe(20);
  });
});

