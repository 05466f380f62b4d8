/**
 * The sentences of the errata, written from the facts that src/reduced and src/coherent return
 * (STYLE.md §7): what the paper states, what is derived, what a residual measures. The JSON writer
 * and the errata section both call these.
 */
import type { CoherentErratum } from '../../coherent/errata.ts';
import type { Erratum, ErratumResidual, ReducedErratum } from '../../reduced/derive.ts';
import { initialIssueText } from './derivation-text.ts';
import { sixDigits } from './explanations.ts';

/**
 * A §4 erratum's residual as text with inline math.
 * @example reducedResidualText('0') // => "0"
 */
export function reducedResidualText(r: string | ErratumResidual): string {
  if (typeof r === 'string') return r;
  return `$\\bar{\\mathcal L}_{\\mathrm{literal}} - \\bar{\\mathcal L} = -(1 - 1/n)\\sum_l (\\gamma_l/n)\\,\\mathcal D(L_{l,j})$: every dissipator is ${r.n} times too weak`;
}

/**
 * A §4 erratum in words, from its facts (keys in the JSON's order: id, location, stated, derived,
 * residual, likelyCause).
 */
export function reducedErratumText(e: ReducedErratum): Erratum {
  switch (e.id) {
    case 'steady-state': {
      const tried = [
        `Definition 1 literally: ρ_r = ${e.literalRho ?? 'not unique'}${e.literalMatches ? ' (matches)' : ' (no match)'}`,
        `σ₊ ↔ σ₋ swapped: ρ_r = ${e.swappedRho}${e.swappedMatches ? ' (matches)' : ' (no match)'}`,
      ];
      return {
        id: e.id, location: `${e.reference ?? 'paper'}: stated steady state ρ_r`, stated: e.stated, derived: e.derived, residual: `‖stated − derived‖_F = ${e.frobenius}`,
        likelyCause: `the stated matrix is not stationary: 𝓛̄ρ_stated = ${e.generatorOnStated} ≠ 0 (for a relaxing 𝓛̄ the steady state is unique). Alternatives tried: ${tried.join('; ')}. No reading of the model reproduces it: likely an arithmetic or transcription error in the paper`,
      };
    }
    case 'blended-initial': return {
      id: e.id, location: `${e.reference ?? 'paper'}: stated ρ_b(0)`, stated: e.stated, derived: e.derived, residual: `‖stated − derived‖_F = ${e.frobenius}`,
      likelyCause: `the stated ρ_b(0) has trace ${e.statedTrace}${e.statedHermitian ? '' : ' and is not Hermitian'}; ρ_b(0) = (1/n)Σ_j ρ_j(0) of the model's (density-operator) initial state differs — a dropped term or a non-density initial factor in the paper`,
    };
    case 'initial-state': return {
      id: e.id, location: `${e.reference ?? 'paper'}: stated initial state`, stated: initialIssueText(e.issue), derived: 'a density operator is Hermitian, PSD, trace one', residual: '—',
      likelyCause: 'missing terms in the stated factor (the model file documents its correction)',
    };
    case 'mu': return { id: e.id, location: 'paper: stated μ', stated: e.stated, derived: e.derived, residual: e.residual, likelyCause: 'different generator' };
    case 'definition-1': return {
      id: e.id, location: '§4.1, Definition 1, eq. 6',
      stated: 'γ_l D(L̄_l)ρ_b with L̄_l = (1/n)Σ_j L_{l,j}',
      derived: `(1/n)Σ_j γ_l D(L_{l,j}) (eq. 9 and eq. 26 use this); literal form: μ = ${e.literalMu}, ours: μ = ${e.mu}`,
      residual: { kind: 'literal-dissipators', n: e.n },
      likelyCause: 'D is quadratic in L: averaging operators inside D gives 1/n², averaging generators gives 1/n; the proofs need the generator average',
    };
  }
}

/** What an erratum of §5 says, in words. */
export interface CoherentErratumText {
  /** Where in the paper. */
  readonly location: string;
  /** What the paper states (text with inline $…$ math). */
  readonly stated: string;
  /** What is derived instead. */
  readonly derived: string;
  /** What the residual measures. */
  readonly residualNote: string;
  readonly likelyCause: string;
}

/** The text of one §5 erratum from its facts. */
export function coherentErratumText(e: CoherentErratum): CoherentErratumText {
  switch (e.id) {
    case 'Pd-normalisation': return {
      location: '§5.1, definition of p_m',
      stated: '$[\\mathbf p_m]_k = 1/|\\mathbb V_m|$ for $k \\in \\mathbb V_m$, called orthonormal',
      derived: '$[\\mathbf p_m]_k = 1/\\sqrt{|\\mathbb V_m|}$: then $P_d^\\top P_d = I$ and eq. 13 $P_dP_d^\\top\\tilde y = \\operatorname{vec}\\mathcal P_*(\\rho)$ hold',
      residualNote: `with the paper's $P_d$: $\\|P_d^\\top P_d - I\\| = 1 - 1/\\max_m|\\mathbb V_m|$ = ${sixDigits(e.gramDefect)}, and the eq. 13 residual $\\|P_dP_d^\\top \\operatorname{vec}\\rho(0) - \\operatorname{vec}\\mathcal P_*(\\rho(0))\\|$ = ${sixDigits(e.residual)} for this model's $\\rho(0)$ (0 with $1/\\sqrt{|\\mathbb V_m|}$)`,
      likelyCause: 'the normalisation of the averaging vector (1/|V|, right for P_dᵀ as an averaging map) was mixed up with that of an orthonormal basis vector (1/√|V|)',
    };
    case 'Ad-formula': return {
      location: '§5.2, A_d below eq. 14',
      stated: '$A_d = \\tfrac{i}{\\hbar}(H\\otimes I + I\\otimes H) + \\sum_l\\gamma_l(L_l\\otimes L_l^\\dagger - \\tfrac12 L_l^\\dagger L_l\\otimes I - \\tfrac12 I\\otimes L_l^\\dagger L_l)$',
      derived: '$A = -i(I\\otimes H - H^\\top\\otimes I) + \\sum_l\\gamma_l(\\bar L_l\\otimes L_l - \\tfrac12 I\\otimes L_l^\\dagger L_l - \\tfrac12 (L_l^\\dagger L_l)^\\top\\otimes I)$ (column stacking, vec(AXB) = (Bᵀ⊗A)vec X)',
      residualNote: `relative residual $\\|A_d \\operatorname{vec}\\rho - \\operatorname{vec}\\mathcal L\\rho\\| / \\|\\operatorname{vec}\\mathcal L\\rho\\|$ on a seeded random $\\rho$ (${e.onModel ? 'this model' : '2-qubit example $H = Z_1 + X_1Y_2$, $L = \\sigma_-^{(1)}$'}): paper formula ${sixDigits(e.column)} (column stacking), ${sixDigits(e.row)} (row stacking); corrected formula ${e.corrected.toExponential(1)}`,
      likelyCause: 'the commutator became an anticommutator with the wrong sign (H⊗I + I⊗H), and L† was written where the vectorisation needs L̄ = (L†)ᵀ',
    };
    case 'eq14-sign': return {
      location: '§5.2, eq. 14',
      stated: '$\\dot{\\tilde y} = A_d\\tilde y + K_c Q_d\\tilde y$',
      derived: '$\\dot{\\tilde y} = A\\tilde y - K_c Q_d\\tilde y$, since $\\sum a_{jk}\\mathcal D(U_{jk}) = \\sum a_{jk}(U_{jk}\\otimes U_{jk} - I) = -Q_d$ with $Q_d \\succeq 0$ the Laplacian of $G_d$',
      residualNote: e.couplingResiduals === null ? 'for n > 6 not evaluated on the model' : `$\\|\\sum a_{jk} \\mathcal D(U_{jk})\\rho(0) - (+Q_d)\\operatorname{vec}\\rho(0)\\|$ = ${sixDigits(e.couplingResiduals.paper)} (paper's sign) vs $\\|\\sum a_{jk} \\mathcal D(U_{jk})\\rho(0) - (-Q_d)\\operatorname{vec}\\rho(0)\\|$ = ${e.couplingResiduals.correct.toExponential(1)}; with $+K_cQ_d \\succeq 0$ the solution grows like $e^{K_c \\lambda_{\\max}(Q_d) t}$`,
      likelyCause: 'Laplacian sign convention (Q_d ⪰ 0 vs the generator −Q_d); Appendix C itself uses −2K_c ν̃ᵀS_dᵀQ_d ỹ',
    };
    case 'yd-scaling': return {
      location: '§5.2, below eq. 15',
      stated: '$\\mathbf y_d := [|\\mathbb V_1|y_1; \\dots; |\\mathbb V_p|y_p] \\in \\mathbb R^p$',
      derived: '$\\mathbf y_d = [\\sqrt{|\\mathbb V_1|}\\,y_1; \\dots; \\sqrt{|\\mathbb V_p|}\\,y_p] \\in \\mathbb C^p$ (orthonormal $P_d$; consensus values $y_m$ are complex)',
      residualNote: `for the consensus state $\\mathcal P_*(\\rho(0))$ of this model: $\\|[|\\mathbb V_m|y_m] - P_d^\\top \\operatorname{vec}\\mathcal P_*(\\rho(0))\\|$ = ${sixDigits(e.residual)} (0 for $[\\sqrt{|\\mathbb V_m|}\\,y_m]$)`,
      likelyCause: 'follows the 1/|V_m| normalisation of P_d; ℝ^p overlooks complex off-diagonal entries',
    };
    case 'yd-dimension': return {
      location: '§5.3, before Theorem 3',
      stated: '$\\tilde{\\mathbf y}_d \\in \\mathbb C^{4n}$',
      derived: `$\\tilde{\\mathbf y}_d \\in \\mathbb C^{4^n}$ (${4 * e.n} vs ${4 ** Math.min(e.n, 30)}${e.n > 30 ? '…' : ''} for n = ${e.n})`,
      residualNote: 'typographical',
      likelyCause: 'lost superscript',
    };
    case 'example3-index': return {
      location: '§5.3, Example 3',
      stated: '$\\sum_{j \\geq K}\\sigma_x^{(j)}\\sigma_y^{(k)}$',
      derived: `$\\sum_{j > k}\\sigma_x^{(j)}\\sigma_y^{(k)}$: the diagonal terms would add $\\sum_j\\sigma_x^{(j)}\\sigma_y^{(j)} = ${e.diagonalLatex}$, anti-Hermitian (H would not be Hermitian: ${e.diagonalHermitian ? 'hermitian' : 'its anti-Hermitian part is i·Σσ_z'})`,
      residualNote: `exact: $\\sum_{j \\geq k} - \\sum_{j > k} = ${e.diagonalLatex}$`,
      likelyCause: 'capital K for the index k and ≥ for >',
    };
    case 'appC-triangle': return {
      location: 'Appendix C, third line of the first display',
      stated: '$\\|\\tilde y - P_d\\mathbf y_d\\| = \\|S_d\\tilde\\nu\\| + \\|P_d\\tilde\\xi - P_d\\mathbf y_d\\|$',
      derived: '$\\|\\tilde y - P_d\\mathbf y_d\\| = \\sqrt{\\|S_d\\tilde\\nu\\|^2 + \\|P_d(\\tilde\\xi - \\mathbf y_d)\\|^2} \\le \\|\\tilde\\nu\\| + \\|\\tilde e\\|$ (orthogonal ranges of $S_d$ and $P_d$)',
      residualNote: `with $\\tilde y = \\operatorname{vec}\\rho(0)$ of this model and $\\mathbf y_d = 0$: left side $\\|\\rho(0)\\|_F$ = ${sixDigits(e.leftSide)}, claimed right side ${sixDigits(e.claimedRightSide)}`,
      likelyCause: 'the triangle inequality written as an equality (the final ≤ is what the proof uses, so the theorem is unaffected)',
    };
    case 'appC-33': return {
      location: 'Appendix C, eq. 33',
      stated: '$P_d Q_d = 0$',
      derived: '$P_d^\\top Q_d = 0$ ($P_d$ is $4^n\\times p$, so $P_dQ_d$ is undefined)',
      residualNote: 'derivation step',
      likelyCause: 'transpose dropped',
    };
    case 'appC-nu': return {
      location: 'Appendix C, derivative of ‖ν̃‖²',
      stated: '$\\operatorname{Re}(2\\tilde\\nu^\\top S_d^\\top A_d y - 2K_c\\tilde\\nu^\\top S_d^\\top Q_d(S_dS_d^\\top + \\mathbf 1_d\\mathbf 1_d^\\top)y)$',
      derived: '$2\\operatorname{Re}(\\tilde\\nu^\\dagger S_d^\\top A\\tilde y) - 2K_c\\tilde\\nu^\\dagger\\Lambda_d\\tilde\\nu$ (Hermitian transpose for complex vectors; $P_dP_d^\\top$ in place of $\\mathbf 1_d\\mathbf 1_d^\\top$; $\\lambda_m(Q_d)$ where the text says $\\lambda_m(Q)$ — equal anyway by Aldous\' conjecture)',
      residualNote: 'derivation step',
      likelyCause: 'notation carried over from the real classical case',
    };
    case 'appC-e-sign': return {
      location: 'Appendix C, derivative of ẽ',
      stated: '$\\dot{\\tilde e} = P_d^\\top A_d\\tilde y - K_cP_d^\\top Q_d\\tilde y + P_d^\\top A_dP_d\\mathbf y_d$',
      derived: '$\\dot{\\tilde e} = P_d^\\top A\\tilde y - P_d^\\top AP_d\\mathbf y_d = P_d^\\top AP_d\\tilde e + P_d^\\top AS_d\\tilde\\nu$ (the $Q_d$ term vanishes by $P_d^\\top Q_d = 0$)',
      residualNote: 'derivation step',
      likelyCause: 'sign of the subtracted blended dynamics',
    };
    case 'appC-md': return {
      location: 'Appendix C, f_d',
      stated: '$m_d$ = index of the largest Jordan block of $A_d$; $m_d, M_d > 0$',
      derived: '$m_d$ = (largest Jordan block of $\\operatorname{Proj}(A_d)$ among eigenvalues on the imaginary axis) − 1, and in fact $m_d = 0$: $e^{t\\operatorname{Proj}(A_d)}$ is the restriction to the permutation-invariant subspace of the CPTP semigroup generated by the symmetrised Lindbladian $\\frac1{n!}\\sum_\\pi \\mathcal U_\\pi\\mathcal L\\,\\mathcal U_\\pi^{-1}$, hence bounded ($\\le 2^{n/2}$ in Frobenius norm)',
      residualNote: 'derivation step',
      likelyCause: 'Jordan bound quoted for the wrong matrix; boundedness of quantum dynamical semigroups not used',
    };
    case 'hilbert-dimension': return {
      location: '§5.1, first paragraph',
      stated: 'basis of the $n$-dimensional Hilbert space $\\mathcal H^{\\otimes n}$',
      derived: '$2^n$-dimensional',
      residualNote: 'derivation step',
      likelyCause: 'dimension of one factor vs the tensor product',
    };
    case 'eq13-connected': return {
      location: '§5.1, eq. 13',
      stated: '$P_dP_d^\\top\\tilde y = \\operatorname{vec}\\mathcal P_*(\\rho)$ (no condition)',
      derived: `holds for a connected $G$; for a disconnected $G$ with components of sizes $s_i$, $G_d$ has $\\prod_i\\binom{s_i+3}{3}$ components (e.g. ${e.disconnectedComponents} ≠ ${e.connectedComponents} for 3 qubits with one edge) and $P_dP_d^\\top$ averages over $S_{s_1}\\times\\dots\\times S_{s_r}$ only${e.connected ? '' : ' — this model\'s graph is disconnected'}`,
      residualNote: 'structural',
      likelyCause: '§3 assumes a connected graph; eq. 13 inherits it silently',
    };
  }
}
