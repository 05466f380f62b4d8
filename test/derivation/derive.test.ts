import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCounts, resetBuildCounts } from '../../src/core/build-count.ts';
import { parseModel } from '../../src/model/parse.ts';
import { derive } from '../../src/api/derive.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const load = (file: string) => parseModel(readFileSync(join(ROOT, file), 'utf8'), file);

describe('one derivation, computed once', () => {
  it('builds every exact object of §4 and §5 exactly once per derive, renderings included (Example 1)', () => {
    const model = load('derivations/example-1.yaml');
    resetBuildCounts();
    const d = derive(model);
    // Rendering every output reads the derivation; it must not build anything again.
    d.toJSON();
    d.toHtml();
    d.toLatex();
    for (const t of d.checkedTheorems) d.proofWalkthrough(t);
    const counts = Object.fromEntries(buildCounts());
    expect(counts).toEqual({
      checkSeparability: 1,
      localGenerators: 1,
      blendedGenerator: 1,
      exactGeneratorTerms: 1,
      projectedGeneratorSparse: 1,
      'projectedGeneratorExact:orthonormal': 1,
      'projectedGeneratorExact:indicator': 1,
      orbitInitialCondition: 1,
    });
    // and the simulation ran on what the derivation built: eq. 17 propagates the §5 Proj(A_d) itself
    expect(d.simulation!.context.coherentData!.generator).toBe(d.coherent.generator);
  });

  it('a model with valued parameters builds 𝓛_j and 𝓛̄ twice by design (symbolic, and at the values), §5 once', () => {
    const model = parseModel('name: valued\nqubits: 2\ngraph: complete\nparameters: {g: 1/2}\nhamiltonian: sz(1)\nlindblad:\n  - {operator: sm(2), rate: g}\ninitial: {product: ["|0><0|", "|1><1|"]}\nstudy: {Kc: [10], eta: 0.1, time: {end: 1, steps: 3}}\n');
    resetBuildCounts();
    const d = derive(model);
    const counts = Object.fromEntries(buildCounts());
    const twice = d.reduced.blendedAtValues ? 2 : 1;
    expect(counts).toMatchObject({ localGenerators: twice, blendedGenerator: twice, exactGeneratorTerms: 1, projectedGeneratorSparse: 1, orbitInitialCondition: 1 });
  });
});

describe('a model with nothing to blend', () => {
  it('H = 0 and no dissipator: the report shows no NaN (the §5 errata residuals are 0, not 0/0)', () => {
    const model = parseModel('name: idle\nqubits: 2\ngraph: complete\nhamiltonian: 0\ninitial: {product: ["|0><0|", "|1><1|"]}\nstudy: {Kc: [1], eta: 0.1, time: {end: 1, steps: 3}}\n');
    const d = derive(model);
    const visible = d.toHtml().replace(/url\(data:[^)]*\)/g, '').replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/\bNaN\b/);
    expect(d.toLatex()).not.toMatch(/\bNaN\b/);
    const ad = d.coherent.errata.find((e) => e.id === 'Ad-formula') as unknown as Record<string, number>;
    // A = 0: the paper's formula and the correct one agree, residual 0 in both stackings
    expect([ad.column, ad.row, ad.corrected]).toEqual([0, 0, 0]);
  });
});
