/**
 * JSON of the outputs of derivation/outputs.ts (schemaVersion 5, docs/json-schema.md): `graph.spectrum`
 * and `graph.lambdaMaxInduced` beside the graph they describe, `symmetrizedInitial` and `limits`.
 * Exact values carry `exact` (plain text), `latex` and `value`; doubles are rounded like the
 * simulation's (`roundSignificant`).
 */
import type { NetworkOutputs } from '../../derivation/outputs.ts';
import type { LaplacianEigenvalue } from '../../model/laplacian-spectrum.ts';
import type { Json } from './reduced.ts';
import { scalarJson } from './reduced.ts';
import { roundSignificant } from './simulation.ts';

function eigenvalueJson(e: LaplacianEigenvalue): Json {
  return {
    kind: e.kind,
    exact: e.exact ? e.exact.toString() : e.text,
    latex: e.latex,
    value: roundSignificant(e.value),
    multiplicity: e.multiplicity,
    polynomial: { ...e.polynomial },
    irreducible: e.irreducible,
    rootIndex: e.rootIndex,
    interval: e.interval ? [...e.interval] : null,
  };
}

/** The keys added to the `graph` block. */
export function graphOutputsJson(o: NetworkOutputs): Record<string, Json> {
  const s = o.spectrum;
  return {
    spectrum: s
      ? {
        characteristicPolynomial: { ...s.characteristicPolynomial },
        eigenvalues: s.eigenvalues.map(eigenvalueJson),
        lambdaMin: s.lambdaMin ? eigenvalueJson(s.lambdaMin) : null,
        lambdaMax: s.lambdaMax ? eigenvalueJson(s.lambdaMax) : null,
      }
      : null,
    lambdaMaxInduced: o.lambdaMaxInduced ? scalarJson(o.lambdaMaxInduced) : null,
  };
}

/** The top-level `symmetrizedInitial` and `limits` blocks. */
export function outputsJson(o: NetworkOutputs): Record<string, Json> {
  const r = (x: number | null): Json => (x === null ? null : roundSignificant(x));
  return {
    symmetrizedInitial: o.symmetrizedInitial
      ? { qubits: o.symmetrizedInitial.n, entries: o.symmetrizedInitial.entries.map((e) => ({ row: e.row, col: e.col, ...(scalarJson(e.value) as Record<string, Json>) })) }
      : null,
    limits: o.limits.length > 0
      ? {
        numeric: true,
        blendedKernelDimension: o.blendedKernelDimension,
        coherentKernelDimension: o.coherentKernelDimension,
        perKc: o.limits.map((l) => ({
          Kc: r(l.Kc),
          kernelDimension: l.kernelDimension,
          imaginaryEigenvalues: l.imaginaryEigenvalues,
          limitExists: l.imaginaryEigenvalues === 0,
          slowestRate: l.spectralAbscissa === null ? null : r(-l.spectralAbscissa),
          rho: l.rho.map((row) => row.map(([re, im]) => [r(re), r(im)])),
          errors: {
            'fig1.maxDistanceToSteadyState': r(l.steadyStateError),
            'fig2.maxDistanceToBlended': r(l.blendedError),
            'fig6.coherentError': r(l.coherentError),
            'fig7.symmetrizationError': r(l.symmetrizationError),
          },
        })),
      }
      : null,
  };
}
