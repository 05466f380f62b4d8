/**
 * The sentences of the derivation's explanations, written from the facts that src/reduced and
 * src/coherent return (STYLE.md §7, "Facts below, sentences above"): the JSON writer and the report
 * sections both call these, so `reduced.explanations` and the rendered paragraphs say the same.
 */
import type { Equation5Step } from '../../reduced/reduced-system.ts';
import type { CoherentExplanation } from '../../coherent/derive.ts';
import type { ReducedExplanation } from '../../reduced/derive.ts';
import type { ParameterCondition, RealPartRule, RelaxingReason } from '../../reduced/steady.ts';
import { invariantSubspaceText, muRuleText, projectedSpectrumMethodText, separabilityReasonText, separabilityViolationText } from './derivation-text.ts';

/**
 * A condition on the parameters as a sentence fragment with inline math.
 * @example conditionText({ kind: 'nonzero', latex: 'a' }) // => "$a \\neq 0$"
 */
export function conditionText(c: ParameterCondition): string {
  switch (c.kind) {
    case 'nonzero': return `$${c.latex} \\neq 0$`;
    case 'negative': return `$${c.latex} < 0$`;
    case 'positive': return `$${c.latex} > 0$`;
    case 'psd-determinant': return `$\\det\\rho_r = ${c.latex} \\ge 0$ (PSD for a Hermitian trace-one $2\\times 2$ matrix)`;
    case 'positive-parameters': return `${c.params.join(', ')} > 0`;
  }
}

const DISCRIMINANT_SIGN: Record<Extract<RealPartRule, { kind: 'discriminant-sign' }>['sign'], string> = { negative: '< 0', nonpositive: '\\le 0', zero: '= 0' };

/** How a real part was decided, as a sentence fragment with inline math. */
export function realPartRuleText(r: RealPartRule): string {
  switch (r.kind) {
    case 'discriminant-sign': return `$\\Delta = ${r.discriminantLatex} ${DISCRIMINANT_SIGN[r.sign]}$, so $\\mathrm{Re}\\,\\lambda = s/2$`;
    case 'discriminant-cases': return `if $\\Delta = ${r.discriminantLatex} < 0$: $\\mathrm{Re}\\,\\lambda = ${r.halfTraceLatex}$; if $\\Delta \\ge 0$: $\\lambda = ${r.rootLatex}$ is real`;
    case 'numeric-root': return 'numeric root (certified radius)';
  }
}

/**
 * Why the blended dynamics is (not) relaxing, as a clause with inline math.
 * @example relaxingReasonText({ kind: 'kernel-not-unique', kernelDimension: 2, undampedLatex: [] }) // => "ker 𝓛̄ has dimension 2: the steady state is not unique"
 */
export function relaxingReasonText(r: RelaxingReason): string {
  switch (r.kind) {
    case 'axis-undecided': return 'a numeric eigenvalue lies within its certified radius of the imaginary axis; relaxation is undecided';
    case 'unique': return `the steady state is unique (ker 𝓛̄ has dimension 1) and the other ${r.decaying} eigenvalues have Re λ < 0`;
    case 'kernel-not-unique': return `ker 𝓛̄ has dimension ${r.kernelDimension}: the steady state is not unique${r.undampedLatex.length ? `, and the eigenvalues ${r.undampedLatex.map((l) => `$${l}$`).join(', ')} lie on the imaginary axis (undamped oscillation)` : ''}`;
    case 'undamped': return `${r.undamped} nonzero eigenvalue(s) lie on the imaginary axis (Re λ = 0): ρ_b(t) keeps oscillating`;
    case 'generic-unique': return 'the generic null space is one-dimensional and every other eigenvalue has a real part that is evidently negative for positive rates';
    case 'generic-kernel': return `ker 𝓛̄ has generic dimension ${r.kernelDimension}`;
    case 'depends': return 'relaxing exactly where every nonzero eigenvalue has Re λ < 0';
  }
}

/** A sentence that starts with a clause. */
function capitalised(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** The derivation of eq. 5 from eq. 4, one sentence per step. */
const EQUATION_5_SENTENCES: Record<Equation5Step, string> = {
  'partial-trace': 'Take the partial trace $\\rho_j = \\mathrm{Tr}_{\\neg j}\\rho$ of every term of eq. 4; under Assumption 1 each term is local.',
  'hamiltonian': 'Hamiltonian: $\\mathrm{Tr}_{\\neg j}[H_k^{(k)}, \\rho] = 0$ for $k \\neq j$ (cyclicity of the trace over qubit $k$) and $\\mathrm{Tr}_{\\neg j}[H_j^{(j)}, \\rho] = [H_j, \\rho_j]$.',
  'dissipators': 'Dissipators: $\\mathrm{Tr}_{\\neg j}\\mathcal{D}(L_{l,k}^{(k)})\\rho = 0$ for $k \\neq j$ because $\\mathcal{D}$ is trace preserving on qubit $k$; for $k = j$ it is $\\mathcal{D}(L_{l,j})\\rho_j$.',
  'coupling': 'Coupling: $\\mathcal{D}(U_{jk})\\rho = U_{jk}\\rho U_{jk} - \\rho$; $\\mathrm{Tr}_{\\neg j}(U_{jk}\\rho U_{jk}) = \\rho_k$ for an edge at $j$, and an edge $\\{a,b\\}$ not touching $j$ gives $\\mathrm{Tr}_{\\neg j}(U_{ab}\\rho U_{ab}) - \\rho_j = 0$.',
  'linearity': 'Only linearity and these identities were used, so eq. 5 holds for every $\\rho$, entangled or not: the product initial state of Assumption 1 is not needed for eq. 5, nor by the proofs of Theorems 1–2, which use only eq. 5 and $\\|\\rho_j\\|_F \\le 1$.',
};

/**
 * The sentence of one §4 explanation.
 * @example reducedExplanationText({ kind: 'separability-violation', violation: { kind: 'hamiltonian-coupling', term: 'XX', termLatex: 'X_1X_2', qubits: [1, 2] } }).slice(0, 25) // => "XX couples qubits 1 and 2"
 */
export function reducedExplanationText(e: ReducedExplanation): string {
  switch (e.kind) {
    case 'separability': return separabilityReasonText(e);
    case 'separability-violation': return `${separabilityViolationText(e.violation)} (term $${e.violation.termLatex}$).`;
    case 'equation-5': return EQUATION_5_SENTENCES[e.step];
    case 'blended-average': return `The blended generator is the average of the local generators, $\\bar{\\mathcal{L}} = \\frac{1}{n}\\sum_j \\mathcal{L}_j$ (eq. 26), here $${e.actionLatex}$ with $${e.hamiltonianLatex}$.`;
    case 'relaxing': return `Relaxing: $\\ker\\bar{\\mathcal{L}}$ is one-dimensional${e.rhoLatex !== null ? `, spanned by $\\rho_r = ${e.rhoLatex}$` : ''}, and every other eigenvalue has negative real part (${e.decayingLatex.map((l) => `$${l}$`).join(', ')}), so $\\rho_b(t) \\to \\rho_r$ from every $\\rho_b(0)$ at the rate $\\mu = ${e.muLatex}$.`;
    case 'not-relaxing': return `Not relaxing: ${relaxingReasonText(e.reason)}. Spectrum: ${e.spectrum.map((x) => `$${x.latex}$${x.multiplicity > 1 ? ` (×${x.multiplicity})` : ''}`).join(', ')}. ${capitalised(invariantSubspaceText(e.invariantSubspace))}.`;
    case 'relaxing-depends': return `Relaxation depends on the parameters: ${relaxingReasonText(e.reason)} (${e.conditions.map(conditionText).join('; ')}).`;
    case 'orbit': return `Orbit: with no dissipation, $\\rho_b(t) = e^{-\\mathrm{i}\\bar{H}t}\\rho_b(0)e^{\\mathrm{i}\\bar{H}t}$ with $\\bar{H} = ${e.hamiltonianLatex} = \\vec h\\cdot\\vec\\sigma$, $\\vec h = (${e.blochLatex.join(', ')})$. The Bloch vector precesses about $\\vec h/|\\vec h|$ with angular frequency $2|\\vec h|${e.angularFrequencyLatex !== null ? ` = ${e.angularFrequencyLatex}` : ''}$ (the eigenvalues $\\pm 2\\mathrm{i}|\\vec h|$ of $\\bar{\\mathcal{L}}$); $\\mathrm{tr}\\,\\rho_b$ and $\\mathrm{tr}(\\bar{H}\\rho_b)$ are conserved, which is $\\ker\\bar{\\mathcal{L}} = \\mathrm{span}\\{I, \\bar{H}\\}$: the fixed points are $\\tfrac12 I + t\\bar{H}$. The invariant subspace $\\mathbb{S}$ of eq. 10 (all eigenvectors with $\\mathrm{Re}\\,\\lambda = 0$) is the whole of $\\mathbb{C}^{2\\times 2}$, so Theorem 1 (relaxing) does not apply and its extension (10) gives only consensus; Theorem 2 tracks the orbit on $[T_1, T_2]$.`;
    case 'mu': return `$\\mu$: the candidates $-\\mathrm{Re}\\,\\lambda$ over the eigenvalues off the imaginary axis are ${e.candidatesLatex.map((l) => `$${l}$`).join(', ')}; ${muRuleText(e.rule)}${e.conditions.length ? ` (conditions: ${e.conditions.map(conditionText).join('; ')})` : ''}.`;
    case 'definition-1-literal': return `Definition 1 read literally ($\\mathcal{D}(\\bar L_l)$ with $\\bar L_l = \\frac1n\\sum_j L_{l,j}$) scales each dissipator by $1/n^2$ instead of $1/n$: $${e.literalActionLatex}$, giving $\\mu = ${e.literalMuLatex}$ instead of $${e.muLatex}$${e.literalRhoLatex !== null ? ` and $\\rho_r = ${e.literalRhoLatex}$` : ''}. This report uses the average of generators, as eq. 9 and the proofs do.`;
  }
}

/**
 * A number with at most 6 significant digits, in its shortest form.
 * @example sixDigits(2 / 3) // => "0.666667"
 */
export function sixDigits(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/** The sentence of one §5 explanation. */
export function coherentExplanationText(e: CoherentExplanation): string {
  switch (e.kind) {
    case 'induced-graph': return `The induced graph $G_d$ has the $4^{${e.n}}$ matrix units $|l\\rangle\\langle l'|$ as nodes; each SWAP edge $\\{j,k\\}$ of $G$ joins $|l\\rangle\\langle l'|$ to $|S_{jk}(l)\\rangle\\langle S_{jk}(l')|$. Its components are the orbits of the permutations generated by the edge transpositions, labelled by the counts $(n_{00}, n_{01}, n_{10}, n_{11})$ of qubits whose (row bit, column bit) is each pair, so ${e.connected ? `$p = \\binom{n+3}{3} = ${e.p}$` : `$p = \\prod_i \\binom{s_i+3}{3} = ${e.p}$ over the graph components of sizes ${e.componentSizes.join(', ')}`}.`;
    case 'orthonormal-basis': return 'The columns of $P_d$ are orthonormal, $[p_m]_x = 1/\\sqrt{|V_m|}$ for $x \\in V_m$; then $P_d P_d^\\top \\operatorname{vec}\\rho = \\operatorname{vec}\\mathcal{P}_*(\\rho)$ (eq. 13) for a connected graph. The paper\'s $1/|V_m|$ would give $P_d^\\top P_d = \\operatorname{diag}(1/|V_m|) \\neq I$.';
    case 'equation-14': return 'Eq. 14 reads $\\dot{\\tilde y} = A\\tilde y - K_c Q_d \\tilde y$ with $A = -i(I\\otimes H - H^\\top\\otimes I) + \\sum_l \\gamma_l(\\bar L_l\\otimes L_l - \\tfrac12 I\\otimes L_l^\\dagger L_l - \\tfrac12 (L_l^\\dagger L_l)^\\top\\otimes I)$ and $Q_d = \\sum a_{jk}(I - U_{jk}\\otimes U_{jk}) \\succeq 0$.';
    case 'orbit-basis': return `$\\operatorname{Proj}(A_d) = P_d^\\top A P_d$ is built in the orbit basis without any $4^n\\times 4^n$ matrix: because $P_dP_d^\\top = \\mathcal{P}_*$ commutes with every permutation, a Pauli sandwich $X\\mapsto P_aXP_b$ contributes like all its permuted copies, so the ${e.sandwichTypes} permutation types of the model's sandwiches are each evaluated once by a sum over colourings of their support weighted with multinomial coefficients (${e.nonzeros} nonzero entries).`;
    case 'spectrum-method': return `Spectrum of $\\operatorname{Proj}(A_d)$: ${projectedSpectrumMethodText(e.method)}.`;
    case 'spectral-gap': return `$\\lambda_m(Q_d) = \\lambda_m(Q)${e.gapLatex !== null ? ` = ${e.gapLatex}` : ''}$: $Q_d$ generates the interchange process with four colours on $G$, whose spectral gap equals that of the random walk on $G$ (Aldous' conjecture, proved by Caputo, Liggett and Richthammer 2010); the component with counts $(n-1,1,0,0)$ carries $Q$ itself.${e.verificationDifference !== null ? ` Checked directly on $Q_d$: difference ${e.verificationDifference.toExponential(2)}.` : ''}`;
    case 'norm': return `$\\|A_d\\|$: ${e.normKind === 'numeric-dense' ? `numeric largest singular value of the dense $A$, ${sixDigits(e.value)}` : `rigorous upper bound from the operator terms, ${sixDigits(e.value)}`}.`;
    case 'symbolic-parameters': return `The parameters ${e.free.join(', ')} have no values: $\\operatorname{Proj}(A_d)$ is given exactly as a function of them; spectra, norms and the theorems' constants need values.`;
  }
}
