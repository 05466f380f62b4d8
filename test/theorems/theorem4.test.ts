import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/cli/load-model.ts';
import type { NetworkModel } from '../../src/model/network.ts';
import type { CoherentDerivation } from '../../src/coherent/derive.ts';
import type { TheoremResults } from '../../src/theorems/derive-theorems.ts';
import { coherentToJson } from '../../src/report/json/coherent.ts';
import { theoremsFor } from '../support/theorems.ts';

let model: NetworkModel;
let d: CoherentDerivation;
let theorems: TheoremResults;

beforeAll(() => {
  model = loadModel(new URL('../../derivations/example-3.yaml', import.meta.url).pathname);
  ({ coherent: d, theorems } = theoremsFor(model));
}, 120_000);

describe('Theorem 4 on paper Example 3 and the JSON output', () => {
  it('K_c* = max{ln(2C/η)/(T₁λ_m), 2‖A_d‖/(ηλ_m)}', () => {
    const t4 = theorems.T4;
    expect(t4.applies).toBe(true);
    const A = t4.constants.values.normA!.value!;
    const C = Math.sqrt(2) / 6;
    expect(t4.constants.values.KcStar!.value!).toBeCloseTo(Math.max(Math.log((2 * C) / 0.01) / 3, (2 * A) / (0.01 * 3)), 8);
  });

  it('coherentToJson has the issue fields, complex numbers as [re, im], and is deterministic', () => {
    const j = coherentToJson(model.name, d, theorems).coherent as Record<string, any>;
    for (const k of ['components', 'componentSizes', 'lambdaMin', 'projected', 'projectedSpectrum', 'steadyStates', 'initial', 'theorems', 'errata', 'citations', 'explanations']) expect(j).toHaveProperty(k);
    expect(j.components).toBe(20);
    expect(j.lambdaMin.value).toBe(3);
    expect(j.projected.exact).toHaveLength(20);
    expect(j.projected.exact[0][1].value).toHaveLength(2);
    expect(typeof j.projected.exact[0][1].latex).toBe('string');
    expect(j.theorems.T3.KcStar.value).toBeGreaterThan(0);
    expect(j.theorems.T4.KcStar.value).toBeGreaterThan(0);
    expect(j.citations.join(' ')).toContain('Caputo');
    const again = theoremsFor(model);
    expect(JSON.stringify(coherentToJson(model.name, again.coherent, again.theorems).coherent) === JSON.stringify(j)).toBe(true);
  }, 60_000);
});
