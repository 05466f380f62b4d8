/**
 * The sentences of §4's and §5's verdicts and notes, written from the facts that src/reduced and
 * src/coherent return (STYLE.md §7, "Facts below, sentences above"): Assumption 1's verdict, its
 * violations and notes, the reduced initial states' issues, the invariant subspace 𝕊, and how §5's
 * spectrum, kernel and y_d(0) were obtained, how μ, λ_m(Q), C and ‖A_d‖ were obtained (also where the
 * theorems' constants cite them). The JSON writer and the report sections both call these.
 */
import type { SymmetryDefectNote } from '../../coherent/derive.ts';
import type { OrbitInitialMethod, ProjectedKernelMethod, ProjectedSpectrumMethod } from '../../coherent/projection.ts';
import type { SpectralGap } from '../../coherent/spectral-gap.ts';
import type { GeneratorNormNote } from '../../coherent/superop-norm.ts';
import type { LambdaMinNote } from '../../model/graph-spectrum.ts';
import type { InitialIssue } from '../../reduced/derive.ts';
import type { SeparabilityNote, SeparabilityVerdict, SeparabilityViolation } from '../../reduced/separability.ts';
import type { MuRule } from '../../reduced/steady.ts';
import type { SourceFact } from '../../theorems/common.ts';

/** "qubits 1 and 2", "qubits 1, 2 and 3". */
function qubitList(qs: readonly number[]): string {
  if (qs.length === 2) return `qubits ${qs[0]} and ${qs[1]}`;
  return `qubits ${qs.slice(0, -1).join(', ')} and ${qs[qs.length - 1]}`;
}

/**
 * Why a term breaks Assumption 1.
 * @example separabilityViolationText({ kind: 'hamiltonian-coupling', term: 'σx^(1)σy^(2)', termLatex: '', qubits: [1, 2] }) // => "σx^(1)σy^(2) couples qubits 1 and 2: H is not a sum of single-qubit terms H_j^(j), so the partial trace of −i[H, ρ] over the other qubits involves their joint state"
 */
export function separabilityViolationText(v: SeparabilityViolation): string {
  switch (v.kind) {
    case 'hamiltonian-coupling':
      return `${v.term} couples ${qubitList(v.qubits)}: H is not a sum of single-qubit terms H_j^(j), so the partial trace of −i[H, ρ] over the other qubits involves their joint state`;
    case 'multi-qubit-lindblad':
      return `${v.channelName} contains ${v.term}, which acts on ${qubitList(v.qubits)} jointly: it is not a single-qubit jump operator`;
    case 'collective-lindblad':
      return `${v.channelName} acts on ${qubitList(v.qubits)} as a sum of local pieces (collective): D(${v.channelName}) has cross terms such as ${v.term}, so it is not a sum of single-qubit dissipators`;
  }
}

/** Assumption 1's verdict in one sentence (two when it fails: what to use instead). */
export function separabilityReasonText(s: Pick<SeparabilityVerdict, 'separable' | 'violations'>): string {
  return s.separable
    ? 'Assumption 1 holds: every Pauli term of H acts on at most one qubit and every Lindblad operator acts on a single qubit, so eq. 5 is exact.'
    : `Assumption 1 fails: ${s.violations.map(separabilityViolationText).join('; ')}. The blended reduced-state dynamics (eq. 6) and Theorems 1–2 do not apply; use the blended coherent dynamics of §5 (eq. 17, Theorems 3–4), which needs no separability.`;
}

/**
 * A remark that does not break Assumption 1.
 * @example separabilityNoteText({ kind: 'identity-channel', channelName: 'L₁' }) // => "L₁ is a multiple of the identity: D(cI) = 0, so the channel has no effect"
 */
export function separabilityNoteText(n: SeparabilityNote): string {
  switch (n.kind) {
    case 'hamiltonian-identity': return `H has an identity component (${n.coefficient})·I; it commutes with every ρ, so it drops out of −i[H, ρ] and is harmless`;
    case 'identity-channel': return `${n.channelName} is a multiple of the identity: D(cI) = 0, so the channel has no effect`;
    case 'channel-identity-component': return `${n.channelName} has an identity component; D(L + cI) = D(L) − i[(i/2)(c̄L − cL†), ·] is still local to qubit ${n.qubit}, so it is harmless`;
  }
}

/**
 * What is wrong with a reduced initial state (or why they are unavailable).
 * @example initialIssueText({ kind: 'not-density', qubit: 1, stated: false, matrix: '[[1, 0], [0, 1]]', problems: [{ kind: 'trace', trace: '2' }] }) // => "ρ_1(0) = [[1, 0], [0, 1]] is not a density operator: trace 2"
 */
export function initialIssueText(i: InitialIssue): string {
  if (i.kind === 'unavailable') return `reduced initial states unavailable: ${i.error}`;
  const problems = i.problems.map((p) => (p.kind === 'not-hermitian' ? 'not Hermitian' : p.kind === 'trace' ? `trace ${p.trace}` : 'not positive semidefinite'));
  return `${i.stated ? 'stated ' : ''}ρ_${i.qubit}(0) = ${i.matrix} is not a density operator: ${problems.join(', ')}`;
}

/**
 * The invariant subspace 𝕊 of eq. 10 (eigenvectors with Re λ = 0), from its dimension (null:
 * undecided) and whether it is the whole space.
 * @example invariantSubspaceText({ dimension: 1, whole: false }) // => "𝕊 = span{ρ_r}: the steady state alone"
 */
export function invariantSubspaceText(s: { readonly dimension: number | null; readonly whole: boolean }): string {
  if (s.dimension === null) return 'undecided: some eigenvalue is not known exactly to lie on or off the imaginary axis';
  if (s.whole) return 'every eigenvalue has Re λ = 0, so 𝕊 is all of C^{2×2}: the distance ‖ρ̄‖_𝕊 of eq. 10 vanishes identically and Theorem 1\'s extension says nothing beyond consensus';
  if (s.dimension === 1) return '𝕊 = span{ρ_r}: the steady state alone';
  return `𝕊 is spanned by the ${s.dimension} eigenvectors with Re λ = 0`;
}

/** How the spectrum of Proj(A_d) was obtained. */
export function projectedSpectrumMethodText(m: ProjectedSpectrumMethod): string {
  switch (m.kind) {
    case 'exact-roots': return 'exact characteristic polynomial (Berkowitz) and exactRoots (verified roots exact, the rest numeric with certified radii)';
    case 'exact-zero-factor': return `exact characteristic polynomial (Berkowitz, degree ${m.degree}): λ^${m.zeros} divides it exactly, so 0 is an eigenvalue of algebraic multiplicity ${m.zeros}; the other ${m.degree - m.zeros} eigenvalues are numeric (complex Schur form of the double matrix)`;
    case 'numeric': return 'numeric (complex Schur form of the double matrix)';
  }
}

/** How ker Proj(A_d) was obtained. */
export function projectedKernelText(m: ProjectedKernelMethod): string {
  switch (m.kind) {
    case 'exact-null-space': return 'exact null space (Gauss–Jordan over Q(i)(√…)) of the indicator-basis generator, mapped to orthonormal coordinates y_m = u_m/√|V_m|';
    case 'numeric-zeros': return `numeric: ${m.zeros} eigenvalue(s) within 1e-9·‖B‖_F of 0 (kernel vectors not formed)`;
  }
}

/** How y_d(0) = P_dᵀ vec ρ(0) was computed. */
export function orbitInitialMethodText(m: OrbitInitialMethod): string {
  switch (m) {
    case 'sparse-exact': return 'sparse entries summed per orbit, divided by √|V_m| (exact)';
    case 'sparse-numeric': return 'sparse entries summed per orbit, divided by √|V_m| (doubles)';
    case 'product-exact': return 'generating function Π_j Σ_{rc} (ρ_j)_{rc} z_{rc} over the orbit counts (exact), divided by √|V_m|';
    case 'product-numeric': return 'generating function over the orbit counts in doubles, divided by √|V_m| (log-space orbit sizes)';
  }
}

/**
 * How μ was chosen among the candidates −Re λ.
 * @example muRuleText({ kind: 'mu-only-candidate' }) // => "the only nonzero real part"
 */
export function muRuleText(r: MuRule): string {
  switch (r.kind) {
    case 'mu-undefined': return 'no eigenvalue of 𝓛̄ has a nonzero real part: μ is undefined (nothing decays)';
    case 'mu-only-candidate': return 'the only nonzero real part';
    case 'mu-evident-minimum': return `μ = ${r.muText}: it is ≤ every other candidate for all parameter values allowed (differences evidently ≥ 0 for positive rates)`;
    case 'mu-exact-minimum': return 'exact minimum of the candidates −Re λ';
    case 'mu-region-dependent': return 'μ is the smallest of the candidates; which one depends on the parameter region (the value given is at the sample point)';
  }
}

/**
 * Why λ_m(Q) is undefined, or how it was computed.
 * @example lambdaMinNoteText({ kind: 'lambda-closed-form', family: 'ring' }) // => "closed form for the ring family"
 */
export function lambdaMinNoteText(n: LambdaMinNote): string {
  switch (n.kind) {
    case 'lambda-single-qubit': return 'a single qubit has Q = 0: there is no nonzero eigenvalue and no coupling, so Theorems 1–2 do not apply';
    case 'lambda-disconnected': {
      const c = n.components;
      return `the graph has ${c.length} connected components (${c.map((x) => `{${x.join(', ')}}`).join(', ')}), so Q has ${c.length} zero eigenvalues and rank Q < n − 1; the consensus bound (eq. 24) and hence Theorems 1–2 do not apply`;
    }
    case 'lambda-closed-form': return `closed form for the ${n.family} family`;
    case 'lambda-not-constructible': return `cos(${n.family === 'ring' ? '2π' : 'π'}/${n.n}) is not a square-root expression in our field; value numeric (IEEE double)`;
    case 'lambda-symbolic-weights': return 'explicit graph with symbolic weights and no values: λ_m not evaluated';
    case 'lambda-no-eigensolver': return 'explicit graph: no eigensolver supplied, λ_m not evaluated';
    case 'lambda-eigensolver': return 'explicit graph: Hermitian eigensolver on Q (numeric, ~1e-14 relative)';
  }
}

/** How the symmetry defect C was computed. */
export function symmetryDefectNoteText(n: SymmetryDefectNote): string {
  return n.kind === 'defect-exact'
    ? 'C² = ‖ρ(0)‖²_F − Σ_m |y_m(0)|² exactly (P_d P_dᵀ = 𝒫_* is an orthogonal projector)'
    : 'C² = ‖ρ(0)‖²_F − Σ_m |y_m(0)|² in doubles (absolute accuracy ~1e-16·‖ρ(0)‖²_F)';
}

/** A double with 12 significant digits, as the norm's notes print it. */
function twelveDigits(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** How ‖A_d‖ was obtained. */
export function generatorNormNoteText(n: GeneratorNormNote): string {
  if (n.kind === 'norm-dense') {
    return `numeric: largest singular value of the dense ${n.rows}×${n.rows} A (√λ_max(AᴴA), backward-stable Hermitian eigensolver, ~1e-13 relative); the rigorous term bound is ${twelveDigits(n.bound)}`;
  }
  return `rigorous upper bound 2Σ_{s≠I}|h_s| + 2Σ_l|γ_l|(Σ_s|c_s|)² = ${twelveDigits(n.hamiltonian)} + ${n.dissipators.map(twelveDigits).join(' + ') || '0'} (the dense A has 4^${n.n} rows)`;
}

/** How λ_m(Q_d) was obtained. */
export function inducedGapMethodText(m: SpectralGap['method']): string {
  switch (m.kind) {
    case 'aldous-identity': return 'λ_m(Q_d) = λ_m(Q): Q_d generates the 4-colour interchange process on G, whose spectral gap equals that of the random walk on G (Aldous\' conjecture, Caputo–Liggett–Richthammer 2010); the component with counts (n−1, 1, 0, 0) carries Q itself';
  }
}

/** A §4/§5 fact cited by a theorem constant's provenance. */
export function sourceFactText(f: SourceFact): string {
  switch (f.kind) {
    case 'mu-undefined': case 'mu-only-candidate': case 'mu-evident-minimum': case 'mu-exact-minimum': case 'mu-region-dependent': return muRuleText(f);
    case 'lambda-single-qubit': case 'lambda-disconnected': case 'lambda-closed-form': case 'lambda-not-constructible':
    case 'lambda-symbolic-weights': case 'lambda-no-eigensolver': case 'lambda-eigensolver': return lambdaMinNoteText(f);
    case 'defect-exact': case 'defect-numeric': return symmetryDefectNoteText(f);
    case 'norm-dense': case 'norm-bound': return generatorNormNoteText(f);
    case 'aldous-identity': return inducedGapMethodText(f);
  }
}
