import { describe, expect, it } from 'vitest';
import {
  generatorNormNoteText, initialIssueText, invariantSubspaceText, lambdaMinNoteText, muRuleText, orbitInitialMethodText, projectedKernelText,
  projectedSpectrumMethodText, separabilityNoteText, separabilityReasonText, symmetryDefectNoteText,
} from '../../../src/report/sections/derivation-text.ts';
import { reducedErratumText } from '../../../src/report/sections/errata-text.ts';
import { constantSourceText, windowSourceText } from '../../../src/report/sections/theorem-text.ts';

// The branches no shipped model reaches; the shipped ones are pinned by the reports (npm run derive:all).
describe('§4/§5 sentences from facts', () => {
  it('separability', () => {
    expect(separabilityReasonText({ separable: true, violations: [] })).toMatch(/^Assumption 1 holds/);
    expect(separabilityReasonText({ separable: false, violations: [{ kind: 'multi-qubit-lindblad', term: 'σz^(1)σz^(2)', termLatex: '', qubits: [1, 2], channel: 0, channelName: 'L₁' }] }))
      .toBe('Assumption 1 fails: L₁ contains σz^(1)σz^(2), which acts on qubits 1 and 2 jointly: it is not a single-qubit jump operator. The blended reduced-state dynamics (eq. 6) and Theorems 1–2 do not apply; use the blended coherent dynamics of §5 (eq. 17, Theorems 3–4), which needs no separability.');
    expect(separabilityNoteText({ kind: 'hamiltonian-identity', coefficient: '2' })).toBe('H has an identity component (2)·I; it commutes with every ρ, so it drops out of −i[H, ρ] and is harmless');
    expect(separabilityNoteText({ kind: 'channel-identity-component', channelName: 'L₂', qubit: 3 }))
      .toBe('L₂ has an identity component; D(L + cI) = D(L) − i[(i/2)(c̄L − cL†), ·] is still local to qubit 3, so it is harmless');
  });

  it('initial states, 𝕊, η/T window', () => {
    expect(initialIssueText({ kind: 'unavailable', error: 'too large' })).toBe('reduced initial states unavailable: too large');
    expect(initialIssueText({ kind: 'not-density', qubit: 2, stated: true, matrix: 'M', problems: [{ kind: 'not-hermitian' }, { kind: 'not-psd' }] }))
      .toBe('stated ρ_2(0) = M is not a density operator: not Hermitian, not positive semidefinite');
    expect(invariantSubspaceText({ dimension: null, whole: false })).toBe('undecided: some eigenvalue is not known exactly to lie on or off the imaginary axis');
    expect(invariantSubspaceText({ dimension: 2, whole: false })).toBe('𝕊 is spanned by the 2 eigenvectors with Re λ = 0');
    expect(windowSourceText('study-block')).toBe('study block');
  });

  it('§5 methods', () => {
    expect(projectedSpectrumMethodText({ kind: 'exact-zero-factor', degree: 35, zeros: 3 }))
      .toBe('exact characteristic polynomial (Berkowitz, degree 35): λ^3 divides it exactly, so 0 is an eigenvalue of algebraic multiplicity 3; the other 32 eigenvalues are numeric (complex Schur form of the double matrix)');
    expect(projectedKernelText({ kind: 'numeric-zeros', zeros: 1 })).toBe('numeric: 1 eigenvalue(s) within 1e-9·‖B‖_F of 0 (kernel vectors not formed)');
    expect(orbitInitialMethodText('sparse-numeric')).toBe('sparse entries summed per orbit, divided by √|V_m| (doubles)');
  });

  it('μ, λ_m(Q), C, ‖A_d‖ and a constant\'s provenance', () => {
    expect(muRuleText({ kind: 'mu-undefined' })).toBe('no eigenvalue of 𝓛̄ has a nonzero real part: μ is undefined (nothing decays)');
    expect(muRuleText({ kind: 'mu-evident-minimum', muText: 'g/2' }))
      .toBe('μ = g/2: it is ≤ every other candidate for all parameter values allowed (differences evidently ≥ 0 for positive rates)');
    expect(lambdaMinNoteText({ kind: 'lambda-single-qubit' })).toBe('a single qubit has Q = 0: there is no nonzero eigenvalue and no coupling, so Theorems 1–2 do not apply');
    expect(lambdaMinNoteText({ kind: 'lambda-not-constructible', family: 'path', n: 7 })).toBe('cos(π/7) is not a square-root expression in our field; value numeric (IEEE double)');
    expect(lambdaMinNoteText({ kind: 'lambda-no-eigensolver' })).toBe('explicit graph: no eigensolver supplied, λ_m not evaluated');
    expect(symmetryDefectNoteText({ kind: 'defect-numeric' })).toBe('C² = ‖ρ(0)‖²_F − Σ_m |y_m(0)|² in doubles (absolute accuracy ~1e-16·‖ρ(0)‖²_F)');
    expect(generatorNormNoteText({ kind: 'norm-bound', n: 6, hamiltonian: 2, dissipators: [] }))
      .toBe('rigorous upper bound 2Σ_{s≠I}|h_s| + 2Σ_l|γ_l|(Σ_s|c_s|)² = 2 + 0 (the dense A has 4^6 rows)');
    expect(constantSourceText({ kind: 'defect-exact' })).toBe('C² = ‖ρ(0)‖²_F − Σ_m |y_m(0)|² exactly (P_d P_dᵀ = 𝒫_* is an orthogonal projector)');
    expect(constantSourceText(['spectrum of 𝓛̄: ', { kind: 'mu-exact-minimum' }])).toBe('spectrum of 𝓛̄: exact minimum of the candidates −Re λ');
  });

  it('§4 errata', () => {
    expect(reducedErratumText({ id: 'mu', stated: '1', derived: '2', residual: '1' }))
      .toEqual({ id: 'mu', location: 'paper: stated μ', stated: '1', derived: '2', residual: '1', likelyCause: 'different generator' });
    const e = reducedErratumText({ id: 'blended-initial', reference: null, stated: 'A', derived: 'B', frobenius: '1', statedTrace: '2', statedHermitian: false });
    expect([e.location, e.residual, e.likelyCause.slice(0, 52)]).toEqual(['paper: stated ρ_b(0)', '‖stated − derived‖_F = 1', 'the stated ρ_b(0) has trace 2 and is not Hermitian; ']);
    expect(Object.keys(reducedErratumText({ id: 'definition-1', n: 3, literalMu: '1/9', mu: '1/3' }))).toEqual(['id', 'location', 'stated', 'derived', 'residual', 'likelyCause']);
  });
});
