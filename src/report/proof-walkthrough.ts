/**
 * Proof walkthrough (`qblend derive --proof T1`): the paper's proof of one theorem (Appendix A for
 * Theorem 1, B for 2, C for 3, D for 4) line by line, in the appendix's order (`TheoremCheck.outline`).
 * Each line: what it does, the statement as the paper writes it, the correction where the paper errs
 * (errata of the theorems layer, both shown), the same line with this model's numbers substituted at
 * the start of the theorem's time set and its value, and, for a time-dependent bound, both sides along
 * the trajectory at K_c = K_c*. Every symbol is defined, with its value, before the proof starts, and
 * every line links back to the definitions it uses. Renders only: every number comes from the check
 * (`TheoremCheck.proofNumbers`, `InequalityCheck.at`) and the theorem's constants.
 */
import type { InequalityCheck, ProofNumbers, ProofStepId, TheoremCheck } from '../theorems/checks.ts';
import type { ProofOutlineStep } from '../theorems/proof-outline.ts';
import type { TheoremConstants } from '../theorems/common.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import type { Derivation } from '../derivation/derive.ts';
import type { ReportOptions } from './derivation-document.ts';
import { cite, math, ref, strong, text, type Block, type DerivationDocument, type Inline, type Section } from './document.ts';
import { figureText } from './figures.ts';
import { numLatex, prose, richText, safeMath, typesetPlainMath } from './sections/format.ts';
import { constantsOf, constantsTable, THEOREM_STATEMENTS } from './sections/theorems.ts';
import { bibliographySection } from './sections/bibliography.ts';
import { counterexampleText, timeSetText, trajectoryText } from './sections/check-text.ts';

export type { TheoremKey };

type StepId = ProofOutlineStep['id'];

/** The symbols a proof uses, each defined once (label `sym:<key>`) before the proof starts. */
type SymbolKey =
  | 'n' | 'rhoj' | 'rhobar' | 'frob' | 'Q' | 'Kc' | 'Lj' | 'normL' | 'C0' | 'Lbar' | 'mu' | 'S' | 'Lc' | 'E' | 'C1' | 'Ct' | 'D' | 'rhor' | 'eta'
  | 'rhob' | 'e' | 'f' | 'T' | 'Dt'
  | 'rho' | 'y' | 'Qd' | 'Pd' | 'Sd' | 'Pstar' | 'Ad' | 'nu' | 'yd' | 'etilde' | 'fd' | 'Cd' | 'Dd';

interface SymbolDefinition {
  /** What the symbol is, as engine prose (`$…$` inline math). */
  readonly words: string;
  /** The defining display: `symbol := definition`, with `= value` appended when the model gives one. */
  readonly latex: string;
  readonly value?: (p: ProofNumbers) => number | undefined;
}

/** A number of a substituted line: 4 significant digits, trailing zeros dropped (n = 3, η = 0.05). */
const v = (x: number | undefined): string => (x === undefined ? '?' : numLatex(x, 4).replace(/^(-?\d+)\.(\d*?)0+(?=$| )/, (_, i: string, f: string) => (f ? `${i}.${f}` : i)));

const SYMBOLS: Record<SymbolKey, SymbolDefinition> = {
  n: { words: 'The number of qubits (nodes of the graph $G$), indexed by $j \\in \\mathbb{V} = \\{1, \\dots, n\\}$.', latex: 'n', value: (p) => p.n },
  rhoj: { words: 'The reduced state of qubit $j$, the solution of eq. 5 (one $2 \\times 2$ density matrix per node).', latex: '\\rho_j(t) \\in \\mathbb{C}^{2 \\times 2}' },
  rhobar: { words: 'The mean of the reduced states.', latex: '\\bar\\rho(t) := \\frac{1}{n}\\sum_{j \\in \\mathbb{V}} \\rho_j(t)' },
  frob: { words: 'The Frobenius norm; for a density matrix it is at most 1 (eq. 21).', latex: '\\|X\\|_F := \\sqrt{\\mathrm{tr}(X^\\dagger X)}, \\qquad \\|\\rho\\|_F = \\sqrt{\\mathrm{tr}\\,\\rho^2} \\le 1' },
  Q: { words: 'The Laplacian of the graph and its smallest nonzero eigenvalue (the algebraic connectivity; positive because the graph is connected).', latex: '\\lambda_m := \\lambda_m(Q)', value: (p) => p.lambdaMin },
  Kc: { words: 'The coupling gain; the walkthrough sets it to the threshold $K_c^*$ of the theorem, whose value the last line of the proof derives.', latex: 'K_c = K_c^*', value: (p) => p.Kc },
  Lj: { words: 'The local Lindblad generator of qubit $j$ (Hamiltonian and dissipators of that node alone) and the direct sum of all of them.', latex: '\\mathcal{L}_j \\rho_j := -\\mathrm{i}[H_j, \\rho_j] + \\sum_{l} \\gamma_l \\mathcal{D}(L_{l,j})\\rho_j, \\qquad \\mathcal{L} := \\mathcal{L}_1 \\oplus \\cdots \\oplus \\mathcal{L}_n' },
  normL: { words: 'The norm of $\\mathcal{L}$: by eq. 19 the largest spectral norm of the $4 \\times 4$ superoperators $\\mathcal{L}_j$.', latex: '\\|\\mathcal{L}\\| := \\max_j \\|\\mathcal{L}_j\\|', value: (p) => p.normL },
  C0: { words: 'The initial consensus defect: how far the initial reduced states are from their mean (eqs. 24–25).', latex: 'C_0 := \\sqrt{\\textstyle\\sum_{j} \\|\\rho_j(0) - \\bar\\rho(0)\\|_F^2}', value: (p) => p.C0 },
  Lbar: { words: 'The blended generator (eq. 6), the mean of the local generators.', latex: '\\bar{\\mathcal{L}} := \\frac{1}{n}\\sum_{j} \\mathcal{L}_j' },
  mu: { words: 'The decay rate of the blended dynamics: the smallest nonzero $|\\mathrm{Re}\\,\\lambda|$ over the spectrum of $\\bar{\\mathcal{L}}$.', latex: '\\mu := \\min\\{|\\mathrm{Re}\\,\\lambda| : \\lambda \\in \\sigma(\\bar{\\mathcal{L}}),\\ \\mathrm{Re}\\,\\lambda \\ne 0\\}', value: (p) => p.mu },
  S: { words: 'The invariant subspace of $\\bar{\\mathcal{L}}$ (eigenvalues on the imaginary axis), spanned by the steady state $\\rho_r$ for a relaxing $\\bar{\\mathcal{L}}$, and the distance to it.', latex: '\\|X\\|_{\\mathbb{S}} := \\min_{Y \\in \\mathbb{S}} \\|X - Y\\|_F' },
  Lc: { words: 'The Lipschitz constant of the decaying eigen-coefficients $c_k$ of $\\bar{\\mathcal{L}}$ (the expansion $\\rho = \\sum_k c_k(\\rho)\\hat\\rho_k$ in its eigenvectors): the decaying part of $e^{\\bar{\\mathcal{L}} t}\\rho$ is at most $L_c e^{-\\mu t}\\|\\rho\\|_F$.', latex: 'L_c := \\|V_{\\mathrm{dec}}\\|_2\\,\\|(V^{-1})_{\\mathrm{dec}}\\|_2', value: (p) => p.Lc },
  E: { words: 'The combined error of Appendix A: disagreement plus distance of the mean to the invariant subspace.', latex: 'E(t) := \\max_j \\|\\rho_j(t) - \\bar\\rho(t)\\|_F + \\|\\bar\\rho(t)\\|_{\\mathbb{S}}' },
  C1: { words: 'The transient constant of $E(t)$.', latex: 'C_1 := C_0 + L_c', value: (p) => p.C1 },
  Ct: { words: 'The transient constant of Theorem 1: the reduced states are within $C e^{-\\mu t/2}$ of $\\rho_r$ until $t^* = \\frac{2}{\\mu}\\ln(C/\\eta)$, and within $\\eta$ after.', latex: 'C := (1 + \\sqrt{2})\\,C_1', value: (p) => p.C },
  D: { words: 'The perturbation constant as the paper states it after eq. 28.', latex: 'D := \\frac{n\\|\\mathcal{L}\\|}{\\lambda_m} + \\frac{L_c\\|\\mathcal{L}\\|}{\\lambda_m}\\Big(\\frac{C_0}{n} + \\frac{\\|\\mathcal{L}\\|}{\\mu}\\Big)', value: (p) => p.D },
  rhor: { words: 'The steady state of the blended dynamics (6), to which it relaxes.', latex: '\\bar{\\mathcal{L}}\\rho_r = 0, \\qquad \\mathrm{tr}\\,\\rho_r = 1' },
  eta: { words: 'The error level the theorem promises (from the study block).', latex: '\\eta', value: (p) => p.eta },
  rhob: { words: 'The blended trajectory: the solution of eq. 6 from the mean initial state.', latex: '\\dot\\rho_b = \\bar{\\mathcal{L}}\\rho_b, \\qquad \\rho_b(0) := \\bar\\rho(0)' },
  e: { words: 'The error of the mean against the blended trajectory; $\\mathbf{e}(0) = 0$.', latex: '\\mathbf{e}(t) := \\bar\\rho(t) - \\rho_b(t)' },
  f: { words: 'A bound on the growth of the blended semigroup (Horn & Johnson): $M$ and $m$ as derived for this model.', latex: '\\|e^{\\bar{\\mathcal{L}} t}\\| \\le f(t) := M\\sum_{j=0}^{m} t^j, \\qquad M = MVAL,\\ m = mVAL' },
  T: { words: 'The window of the theorem (from the study block).', latex: '[T_1, T_2] = [T1VAL, T2VAL]' },
  Dt: { words: 'The perturbation function of Theorem 2 as the paper states it after eq. 30 (its value at $T_2$ enters $K_c^*$).', latex: 'D(t) := \\frac{n\\|\\mathcal{L}\\|}{\\lambda_m} + \\frac{f(t)\\|\\mathcal{L}\\|}{n\\lambda_m}C_0, \\qquad D(T_2)', value: (p) => p.D },
  rho: { words: 'The state of the whole network, the solution of eq. 4 ($2^n \\times 2^n$).', latex: '\\rho(t), \\qquad \\tilde{\\mathbf{y}}(t) := \\mathrm{vec}\\,\\rho(t), \\quad \\|\\tilde{\\mathbf{y}}\\| = \\|\\rho\\|_F \\le 1' },
  y: { words: 'Eq. 14 in vectorised form: the uncoupled Liouvillian $A_d$ and the coupling $-K_c Q_d$.', latex: '\\dot{\\tilde{\\mathbf{y}}} = A_d\\tilde{\\mathbf{y}} - K_c Q_d\\tilde{\\mathbf{y}}' },
  Qd: { words: 'The coupling superoperator (eq. 14) and its smallest nonzero eigenvalue, equal to $\\lambda_m(Q)$.', latex: '\\lambda_m := \\lambda_m(Q_d)', value: (p) => p.lambdaMin },
  Pd: { words: 'The orthonormal basis of the kernel of $Q_d$ (the permutation-invariant operators, one column per orbit; eq. 17).', latex: 'P_d, \\qquad P_d^\\top P_d = I, \\quad Q_d P_d = 0' },
  Sd: { words: 'The orthonormal eigenvectors of $Q_d$ for its nonzero eigenvalues, $\\Lambda_d$ those eigenvalues.', latex: 'S_d, \\qquad S_d^\\top Q_d S_d = \\Lambda_d \\succeq \\lambda_m I' },
  Pstar: { words: 'The projection onto the permutation-invariant operators (eq. 13).', latex: '\\mathrm{vec}\\,\\mathcal{P}_*(\\rho) = P_d P_d^\\top\\,\\mathrm{vec}\\,\\rho' },
  Ad: { words: 'The norm of the Liouvillian of eq. 14 without coupling.', latex: '\\|A_d\\|', value: (p) => p.normA },
  nu: { words: 'The part of the state outside the permutation-invariant subspace, and the part inside.', latex: '\\tilde\\nu := S_d^\\top\\tilde{\\mathbf{y}}, \\qquad \\tilde\\xi := P_d^\\top\\tilde{\\mathbf{y}}' },
  yd: { words: 'The blended coherent dynamics (eq. 17) in orbit coordinates, from the projected initial state.', latex: '\\dot{\\mathbf{y}}_d = P_d^\\top A_d P_d\\,\\mathbf{y}_d, \\qquad \\mathbf{y}_d(0) = P_d^\\top\\tilde{\\mathbf{y}}(0), \\qquad \\tilde{\\mathbf{y}}_d := P_d\\mathbf{y}_d' },
  etilde: { words: 'The error in orbit coordinates; $\\tilde{\\mathbf{e}}(0) = 0$.', latex: '\\tilde{\\mathbf{e}} := \\tilde\\xi - \\mathbf{y}_d' },
  fd: { words: 'A bound on the growth of the projected semigroup: $M_d$ and $m_d$ as derived for this model.', latex: '\\|e^{P_d^\\top A_d P_d t}\\| \\le f_d(t) := M_d\\sum_{j=0}^{m_d} t^j, \\qquad M_d = MVAL,\\ m_d = mVAL' },
  Cd: { words: 'The initial symmetry defect (eq. 37 at $t = 0$).', latex: 'C := \\|\\tilde\\nu(0)\\| = \\|\\rho(0) - \\mathcal{P}_*\\rho(0)\\|_F', value: (p) => p.C0 },
  Dd: { words: 'The perturbation function of Theorem 3 (end of Appendix C; its value at $T_2$ enters $K_c^*$).', latex: 'D(t) := \\frac{\\|A_d\\|}{\\lambda_m} + \\frac{f_d(t)\\|A_d\\|}{\\lambda_m}\\big(C + t\\|A_d\\|\\big), \\qquad D(T_2)', value: (p) => p.D },
};

/** The symbols each line of a proof uses, in order of first use. */
const STEP_SYMBOLS: Record<StepId, readonly SymbolKey[]> = {
  'norm-facts': ['frob', 'Lj', 'normL'],
  'consensus': ['n', 'rhoj', 'rhobar', 'frob', 'Q', 'Kc', 'Lj', 'normL', 'C0'],
  'mean-on-subspace': ['Lbar', 'mu', 'S', 'Lc', 'normL', 'C0', 'Kc', 'Q'],
  'combined-error': ['E', 'C1', 'D', 'mu', 'Kc', 'Q'],
  'reduced-to-steady': ['rhor', 'E', 'Ct'],
  'mean-to-blended': ['rhob', 'e', 'Lbar', 'f', 'normL', 'C0', 'Kc', 'Q'],
  'reduced-to-blended': ['rhob', 'C0', 'Dt', 'Kc', 'Q', 'f'],
  'orthogonal-split': ['Qd', 'Pd', 'Sd'],
  'triangle': ['rho', 'nu', 'yd', 'etilde', 'Pd', 'Sd'],
  'symmetrization': ['rho', 'y', 'nu', 'Ad', 'Qd', 'Kc', 'Cd', 'Pstar'],
  'orbit-coordinates': ['etilde', 'yd', 'fd', 'Ad', 'Qd', 'Kc', 'Cd'],
  'coherent-combined': ['Cd', 'Dd', 'Kc', 'Qd'],
  'threshold': ['eta', 'Kc'],
  'projection-identity': ['nu', 'Pstar', 'Cd'],
};

/** Every symbol of a theorem's proof, in order of first use over its lines (the definitions section). */
function symbolsOf(theorem: TheoremKey, outline: readonly ProofOutlineStep[]): SymbolKey[] {
  const extra: Record<TheoremKey, SymbolKey[]> = { T1: ['eta'], T2: ['T', 'eta'], T3: ['T', 'Dd', 'eta'], T4: ['eta'] };
  const all = [...outline.flatMap((s) => STEP_SYMBOLS[s.id]), ...extra[theorem]];
  return all.filter((k, i) => all.indexOf(k) === i);
}

/** The inequality each line establishes, as the paper writes it. */
const PAPER_LATEX: Record<StepId, string> = {
  'norm-facts': '\\|A \\oplus B\\| = \\max\\{\\|A\\|, \\|B\\|\\}, \\qquad \\|\\mathcal{L}\\rho\\|_F \\le \\|\\mathcal{L}\\|\\,\\|\\rho\\|_F, \\qquad \\|\\rho\\|_F \\le 1',
  'consensus': '\\max_j \\|\\rho_j(t) - \\bar\\rho(t)\\|_F \\le C_0 e^{-K_c\\lambda_m t} + \\frac{n\\|\\mathcal{L}\\|}{K_c\\lambda_m}',
  'mean-on-subspace': '\\|\\bar\\rho(t)\\|_{\\mathbb{S}} \\le L_c e^{-\\mu t} + \\frac{L_c\\|\\mathcal{L}\\|}{K_c\\lambda_m}\\Big(\\frac{C_0}{n} + \\frac{\\|\\mathcal{L}\\|}{\\mu}\\Big)',
  'combined-error': 'E(t) \\le C_1 e^{-\\min\\{\\mu, K_c\\lambda_m\\} t} + \\frac{D}{K_c}',
  'reduced-to-steady': '\\max_j \\|\\rho_j(t) - \\rho_r\\|_F \\le (1 + \\sqrt{2})\\,E(t)',
  'mean-to-blended': '\\|\\mathbf{e}(t)\\|_F \\le \\frac{f(t)\\|\\mathcal{L}\\|}{K_c\\lambda_m}\\Big(\\frac{C_0}{n} + t\\|\\mathcal{L}\\|\\Big)',
  'reduced-to-blended': '\\max_j \\|\\rho_j(t) - \\rho_b(t)\\|_F \\le \\max_j \\|\\rho_j(t) - \\bar\\rho(t)\\|_F + \\|\\mathbf{e}(t)\\|_F \\le C_0 e^{-K_c\\lambda_m t} + \\frac{D(t)}{K_c}',
  'orthogonal-split': 'I = S_d S_d^\\top + P_d P_d^\\top, \\qquad S_d^\\top Q_d S_d = \\Lambda_d, \\qquad P_d^\\top Q_d = 0, \\qquad \\|P_d\\| \\le 1,\\ \\|S_d\\| \\le 1',
  'triangle': '\\|\\rho - \\mathrm{vec}^{-1}(\\tilde{\\mathbf{y}}_d)\\|_F = \\|\\tilde{\\mathbf{y}} - P_d\\mathbf{y}_d\\| \\le \\|\\tilde\\nu\\| + \\|\\tilde{\\mathbf{e}}\\|',
  'symmetrization': '\\|\\tilde\\nu(t)\\| \\le \\|\\tilde\\nu(0)\\| e^{-K_c\\lambda_m t} + \\frac{\\|A_d\\|}{K_c\\lambda_m}',
  'orbit-coordinates': '\\|\\tilde{\\mathbf{e}}(t)\\| \\le \\frac{f_d(t)\\|A_d\\|}{K_c\\lambda_m}\\big(\\|\\tilde\\nu(0)\\| + t\\|A_d\\|\\big)',
  'coherent-combined': '\\|\\rho(t) - \\mathrm{vec}^{-1}(\\tilde{\\mathbf{y}}_d(t))\\|_F \\le C e^{-K_c\\lambda_m t} + \\frac{D(t)}{K_c}',
  'threshold': '',
  'projection-identity': '\\|\\tilde\\nu(t)\\| = \\|S_d\\tilde\\nu(t)\\| = \\|\\tilde{\\mathbf{y}}(t) - P_d P_d^\\top\\tilde{\\mathbf{y}}(t)\\| = \\|\\rho(t) - \\mathcal{P}_*\\rho(t)\\|_F',
};

const THRESHOLD_LATEX: Record<TheoremKey, { paper: string; corrected?: string }> = {
  T1: { paper: 'K_c^* = \\max\\Big\\{\\frac{\\mu}{\\lambda_m}, \\frac{2(1 + \\sqrt{2})D}{\\eta}\\Big\\}', corrected: 'K_c^{*\\prime} = \\max\\Big\\{\\frac{2\\mu}{\\lambda_m}, \\frac{2(1 + \\sqrt{2})D^\\prime}{\\eta}\\Big\\}' },
  T2: { paper: 'K_c^* = \\max\\Big\\{\\frac{1}{T_1\\lambda_m}\\ln\\frac{2C_0}{\\eta}, \\frac{2D(T_2)}{\\eta}\\Big\\}', corrected: 'K_c^{*\\prime} = \\max\\Big\\{\\frac{1}{T_1\\lambda_m}\\ln\\frac{2C_0}{\\eta}, \\frac{2D^\\prime(T_2)}{\\eta}\\Big\\}' },
  T3: { paper: 'K_c^* = \\max\\Big\\{\\frac{1}{T_1\\lambda_m}\\ln\\frac{2C}{\\eta}, \\frac{2D(T_2)}{\\eta}\\Big\\}' },
  T4: { paper: 'K_c^* = \\max\\Big\\{\\frac{1}{T_1\\lambda_m}\\ln\\frac{2C}{\\eta}, \\frac{2\\|A_d\\|}{\\eta\\lambda_m}\\Big\\}' },
};

/** The corrected line where the errata change it (`InequalityCheck.rhsCorrected` evaluates it). */
const CORRECTED_LATEX: Partial<Record<ProofStepId, string>> = {
  'mean-on-subspace': '\\|\\bar\\rho(t)\\|_{\\mathbb{S}} \\le L_c e^{-\\mu t} + \\frac{L_c\\|\\mathcal{L}\\|}{K_c\\lambda_m}\\Big(2C_0 + \\frac{n\\|\\mathcal{L}\\|}{\\mu}\\Big) \\quad (K_c \\ge 2\\mu/\\lambda_m)',
  'combined-error': 'E(t) \\le C_1 e^{-\\min\\{\\mu, K_c\\lambda_m\\} t} + \\frac{D^\\prime}{K_c}, \\qquad D^\\prime := \\frac{n\\|\\mathcal{L}\\|}{\\lambda_m} + \\frac{L_c\\|\\mathcal{L}\\|}{\\lambda_m}\\Big(2C_0 + \\frac{n\\|\\mathcal{L}\\|}{\\mu}\\Big)',
  'mean-to-blended': '\\|\\mathbf{e}(t)\\|_F \\le \\frac{f(t)\\|\\mathcal{L}\\|}{K_c\\lambda_m}\\big(C_0 + n t\\|\\mathcal{L}\\|\\big)',
  'reduced-to-blended': '\\max_j \\|\\rho_j(t) - \\rho_b(t)\\|_F \\le C_0 e^{-K_c\\lambda_m t} + \\frac{D^\\prime(t)}{K_c}, \\qquad D^\\prime(t) := \\frac{n\\|\\mathcal{L}\\|}{\\lambda_m} + \\frac{f(t)\\|\\mathcal{L}\\|}{\\lambda_m}\\big(C_0 + n t\\|\\mathcal{L}\\|\\big)',
};

/** What each line does, as engine prose (`$…$` inline math). */
const STEP_TEXT: Record<StepId, string> = {
  'norm-facts': 'Three facts the proof uses throughout: the norm of a direct sum is the largest norm of its blocks (eq. 19), a superoperator stretches the Frobenius norm at most by its own norm (eq. 20), and a density matrix has Frobenius norm at most 1 (eq. 21).',
  'consensus': 'Consensus. Written as eq. 23, eq. 5 is a consensus protocol with input $\\mathcal{L}_j\\rho_j$. Its disagreement $\\rho_j - \\bar\\rho$ is input-to-state stable (Kingston et al.): the coupling contracts it at rate $K_c\\lambda_m$ (eq. 24), and by eqs. 19–21 the input is at most $\\sqrt{n}\\|\\mathcal{L}\\|$, which gives eq. 25.',
  'mean-on-subspace': 'The mean on the invariant subspace. Averaging eq. 23 gives eq. 26, $\\dot{\\bar\\rho} = \\bar{\\mathcal{L}}\\bar\\rho + \\frac{1}{n}\\sum_j \\mathcal{L}_j(\\rho_j - \\bar\\rho)$. Expanding in the eigenvectors of $\\bar{\\mathcal{L}}$, the part outside $\\mathbb{S}$ decays like $e^{-\\mu t}$ with constant $L_c$; variation of constants (eq. 27) and eq. 25 give eq. 28.',
  'combined-error': 'The combined error. Adding eq. 25 and eq. 28, with the slower of the two rates in the exponent, bounds $E(t)$ by a decaying transient plus a term that falls like $1/K_c$.',
  'reduced-to-steady': 'From $E(t)$ to the steady state. For a relaxing $\\bar{\\mathcal{L}}$ the closest point of $\\mathbb{S}$ is $k(t)\\rho_r$ with $|k(t) - 1| \\le \\sqrt{2}E(t)$ (the trace of a $2 \\times 2$ matrix is at most $\\sqrt{2}$ times its Frobenius norm); with $\\|\\rho_r\\|_F \\le 1$ the triangle inequality gives the line below (end of Appendix A).',
  'mean-to-blended': 'The mean against the blended trajectory. The error $\\mathbf{e}$ obeys $\\dot{\\mathbf{e}} = \\bar{\\mathcal{L}}\\mathbf{e} + \\frac{1}{n}\\sum_j \\mathcal{L}_j(\\rho_j - \\bar\\rho)$ with $\\mathbf{e}(0) = 0$; variation of constants, $\\|e^{\\bar{\\mathcal{L}} t}\\| \\le f(t)$ (eq. 29) and eq. 25 give eq. 30.',
  'reduced-to-blended': 'Combining. The triangle inequality through $\\bar\\rho$ and eqs. 25 and 30 bound the distance of every reduced state to the blended trajectory (end of Appendix B).',
  'orthogonal-split': 'The orthogonal split of the Liouville space into the permutation-invariant part (range of $P_d$, where the coupling vanishes) and the rest (range of $S_d$, where it damps at rate at least $K_c\\lambda_m$): eqs. 31–34.',
  'triangle': 'The error against the blended coherent dynamics splits into the part outside the invariant subspace and the error in orbit coordinates (first display of Appendix C, by eqs. 31 and 34).',
  'symmetrization': 'Symmetrisation. Differentiating $\\|\\tilde\\nu\\|^2$ along eq. 14, eqs. 31–34 and $\\|\\tilde{\\mathbf{y}}\\| \\le 1$ give $\\frac{d}{dt}\\|\\tilde\\nu\\|^2 \\le 2\\|\\tilde\\nu\\|\\|A_d\\| - 2K_c\\lambda_m\\|\\tilde\\nu\\|^2$, hence eq. 35.',
  'orbit-coordinates': 'Orbit coordinates. The error $\\tilde{\\mathbf{e}}$ obeys $\\dot{\\tilde{\\mathbf{e}}} = P_d^\\top A_d P_d\\tilde{\\mathbf{e}} + P_d^\\top A_d S_d\\tilde\\nu$ with $\\tilde{\\mathbf{e}}(0) = 0$; variation of constants, $f_d$ and eq. 35 give eq. 36.',
  'coherent-combined': 'Combining eqs. 35 and 36 in the triangle inequality (end of Appendix C).',
  'threshold': 'Choosing the gain. The transient term is at most $\\eta/2$ on the time set once $K_c$ exceeds the first entry of the maximum, and the $1/K_c$ term is at most $\\eta/2$ once it exceeds the second; their maximum is $K_c^*$.',
  'projection-identity': 'Eq. 37: since $\\tilde\\nu$ lies in the column space of $S_d$ and by eq. 31, $\\|\\tilde\\nu\\|$ is the distance of the state to its permutation-invariant projection; at $t = 0$ this is the constant $C$, and for Theorem 4 eq. 35 is the whole proof.',
};

/** What the errata of the theorems layer correct, in the report's words. */
const ERRATUM_TEXT: Record<string, string> = {
  'theorem1-kernel': 'the variation-of-constants kernel in eq. 27 is $e^{\\lambda_k(t - \\tau)}$, not $e^{\\lambda_k\\tau}$; with it $\\int_0^t e^{-\\mu(t-\\tau)}e^{-K_c\\lambda_m\\tau}d\\tau \\le 1/(K_c\\lambda_m - \\mu) \\le 2/(K_c\\lambda_m)$ for $K_c \\ge 2\\mu/\\lambda_m$',
  'mean-bound': 'the mean $\\|\\frac{1}{n}\\sum_j \\mathcal{L}_j(\\rho_j - \\bar\\rho)\\|_F$ is at most $\\|\\mathcal{L}\\|\\max_j\\|\\rho_j - \\bar\\rho\\|_F$, not $\\frac{1}{n}$ of it',
  'theorem2-D': 'the term $t\\|\\mathcal{L}\\|$ of eq. 30 is dropped when $D(t)$ is read off',
  'theorem2-m': 'the degree $m$ of $f$ is that of $\\bar{\\mathcal{L}}$ on the imaginary axis ($m = 0$ for every Lindbladian), not of $\\mathcal{L}$',
  'theorem1-t0': 'eq. 22’s first line drops the $D/K_c$ term near $t = 0$, and its tail needs $C_1 \\ge 2\\eta_1$',
};

function para(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

/** Links back to the definitions a line uses. */
function symbolLinks(keys: readonly SymbolKey[]): Inline[] {
  const out: Inline[] = [strong(text('Symbols: '))];
  keys.forEach((k, i) => {
    if (i > 0) out.push(text(', '));
    out.push(math(symbolHead(k)), text(' '), ref(`sym:${k}`));
  });
  out.push(text('.'));
  return out;
}

/** The symbol a definition introduces, for the links (the left side of its display). */
function symbolHead(k: SymbolKey): string {
  const heads: Partial<Record<SymbolKey, string>> = {
    rhoj: '\\rho_j', rhobar: '\\bar\\rho', frob: '\\|\\cdot\\|_F', Q: '\\lambda_m', Lj: '\\mathcal{L}_j', normL: '\\|\\mathcal{L}\\|', Lbar: '\\bar{\\mathcal{L}}',
    S: '\\|\\cdot\\|_{\\mathbb{S}}', rhor: '\\rho_r', rhob: '\\rho_b', e: '\\mathbf{e}', T: '[T_1, T_2]', Dt: 'D(t)', rho: '\\rho', y: '\\tilde{\\mathbf{y}}', Qd: '\\lambda_m',
    Pd: 'P_d', Sd: 'S_d', Pstar: '\\mathcal{P}_*', Ad: '\\|A_d\\|', nu: '\\tilde\\nu', yd: '\\mathbf{y}_d', etilde: '\\tilde{\\mathbf{e}}', fd: 'f_d', Cd: 'C', Dd: 'D(t)',
    n: 'n', Kc: 'K_c', C0: 'C_0', mu: '\\mu', Lc: 'L_c', E: 'E', C1: 'C_1', Ct: 'C', D: 'D', eta: '\\eta', f: 'f',
  };
  return heads[k] ?? k;
}

function definitionBlocks(keys: readonly SymbolKey[], p: ProofNumbers): Block[] {
  return keys.flatMap((k): Block[] => {
    const d = SYMBOLS[k];
    const value = d.value?.(p);
    const latex = d.latex
      .replace('MVAL', v(p.M)).replace('mVAL', p.m === undefined ? '?' : String(p.m))
      .replace('T1VAL', v(p.T1)).replace('T2VAL', v(p.T2));
    const withValue = value === undefined ? latex : `${latex} = ${v(value)}`;
    return [para(...prose(d.words)), { kind: 'displayMath', latex: withValue, label: `sym:${k}` }];
  });
}

/** `M Σ_{j≤m} t^j` with the numbers of the model at time t. */
function growthLatex(p: ProofNumbers, t: string): string {
  return `${v(p.M)}\\sum_{j=0}^{${p.m ?? 0}} (${t})^j`;
}

/** A line break inside a long substituted bound (the display is an `aligned` block). */
const BREAK = '\\\\ &\\quad +';

/** The right-hand side of a checked line with this model's numbers at t = `at.t` (paper's form, then the corrected one). */
function substitutedRhs(step: ProofStepId, p: ProofNumbers, t: number, byStep: ReadonlyMap<ProofStepId, InequalityCheck>): { paper: string; corrected?: string } {
  const T = v(t);
  const K = v(p.Kc);
  const lam = v(p.lambdaMin);
  const decay = `e^{-(${K})(${lam})(${T})}`;
  switch (step) {
    case 'consensus':
      return { paper: `${v(p.C0)}\\,${decay} + \\frac{${p.n}\\cdot ${v(p.normL)}}{(${K})(${lam})}` };
    case 'mean-on-subspace': {
      const head = `${v(p.Lc)}\\,e^{-(${v(p.mu)})(${T})} + \\frac{(${v(p.Lc)})(${v(p.normL)})}{(${K})(${lam})}`;
      return { paper: `${head}\\Big(\\frac{${v(p.C0)}}{${p.n}} + \\frac{${v(p.normL)}}{${v(p.mu)}}\\Big)`, corrected: `${head}\\Big(2\\cdot ${v(p.C0)} + \\frac{${p.n}\\cdot ${v(p.normL)}}{${v(p.mu)}}\\Big)` };
    }
    case 'combined-error': {
      const head = `${v(p.C1)}\\,e^{-\\min\\{${v(p.mu)},\\,(${K})(${lam})\\}(${T})}`;
      return { paper: `${head} + \\frac{${v(p.D)}}{${K}}`, corrected: `${head} + \\frac{${v(p.DPrime)}}{${K}}` };
    }
    case 'reduced-to-steady':
      return { paper: `(1 + \\sqrt{2})\\cdot ${v(byStep.get('combined-error')?.at.lhs)}` };
    case 'mean-to-blended': {
      const head = `\\frac{${growthLatex(p, T)}\\cdot ${v(p.normL)}}{(${K})(${lam})}`;
      return { paper: `${head}\\Big(\\frac{${v(p.C0)}}{${p.n}} + (${T})(${v(p.normL)})\\Big)`, corrected: `${head}\\big(${v(p.C0)} + ${p.n}\\cdot(${T})(${v(p.normL)})\\big)` };
    }
    case 'reduced-to-blended': {
      const f = growthLatex(p, T);
      return {
        paper: `${v(p.C0)}\\,${decay} ${BREAK} \\frac{1}{${K}}\\Big(\\frac{${p.n}\\cdot ${v(p.normL)}}{${lam}} + \\frac{${f}\\cdot ${v(p.normL)}\\cdot ${v(p.C0)}}{${p.n}\\cdot ${lam}}\\Big)`,
        corrected: `${v(p.C0)}\\,${decay} ${BREAK} \\frac{1}{${K}}\\Big(\\frac{${p.n}\\cdot ${v(p.normL)}}{${lam}} + \\frac{${f}\\cdot ${v(p.normL)}}{${lam}}\\big(${v(p.C0)} + ${p.n}\\cdot(${T})(${v(p.normL)})\\big)\\Big)`,
      };
    }
    case 'symmetrization':
      return { paper: `${v(p.C0)}\\,${decay} + \\frac{${v(p.normA)}}{(${K})(${lam})}` };
    case 'orbit-coordinates':
      return { paper: `\\frac{${growthLatex(p, T)}\\cdot ${v(p.normA)}}{(${K})(${lam})}\\big(${v(p.C0)} + (${T})(${v(p.normA)})\\big)` };
    case 'triangle':
      return { paper: `${v(byStep.get('symmetrization')?.at.lhs)} + ${v(byStep.get('orbit-coordinates')?.at.lhs)}` };
    case 'coherent-combined':
      return { paper: `${v(p.C0)}\\,${decay} ${BREAK} \\frac{1}{${K}}\\Big(\\frac{${v(p.normA)}}{${lam}} + \\frac{${growthLatex(p, T)}\\cdot ${v(p.normA)}}{${lam}}\\big(${v(p.C0)} + (${T})(${v(p.normA)})\\big)\\Big)` };
  }
}

/** The left-hand side of a checked line, in symbols (the substituted line states its value). */
const LHS_LATEX: Record<ProofStepId, string> = {
  'consensus': '\\max_j \\|\\rho_j - \\bar\\rho\\|_F',
  'mean-on-subspace': '\\|\\bar\\rho\\|_{\\mathbb{S}}',
  'combined-error': 'E',
  'reduced-to-steady': '\\max_j \\|\\rho_j - \\rho_r\\|_F',
  'mean-to-blended': '\\|\\mathbf{e}\\|_F',
  'reduced-to-blended': '\\max_j \\|\\rho_j - \\rho_b\\|_F',
  'symmetrization': '\\|\\tilde\\nu\\|',
  'orbit-coordinates': '\\|\\tilde{\\mathbf{e}}\\|',
  'triangle': '\\|\\rho - \\mathrm{vec}^{-1}(\\tilde{\\mathbf{y}}_d)\\|_F',
  'coherent-combined': '\\|\\rho - \\mathrm{vec}^{-1}(\\tilde{\\mathbf{y}}_d)\\|_F',
};

/** A substituted line on three rows, so it fits the page: the left side's value, the bound with numbers, its value. */
function substitutedLine(lhs: string, lhsValue: number, rhs: string, rhsValue: number): string {
  return `\\begin{aligned} ${lhs} &= ${v(lhsValue)} \\\\ &\\le ${rhs} \\\\ &= ${v(rhsValue)} \\end{aligned}`;
}

function correctionBlocks(step: ProofOutlineStep, correctedLatex: string | undefined): Block[] {
  if (step.errata.length === 0) return [];
  const said = step.errata.map((id) => ERRATUM_TEXT[id] ?? id).join('; ');
  const blocks: Block[] = [para(strong(text('Where the paper errs. ')), ...prose(`${said.charAt(0).toUpperCase()}${said.slice(1)} (see the errata of the full report).`))];
  if (correctedLatex) blocks.push(para(text('Corrected:')), { kind: 'displayMath', latex: correctedLatex, label: `eq:${step.id}-corrected` });
  return blocks;
}

/** What a line of the proof reads from an evaluation: the check at K_c*, or the explorer's at its K_c. */
type ProofEvaluation = Pick<TheoremCheck, 'proofNumbers' | 'trajectory' | 'intermediate'>;

function checkedStepSection(index: number, step: ProofOutlineStep & { id: ProofStepId }, ineq: InequalityCheck, check: ProofEvaluation, byStep: ReadonlyMap<ProofStepId, InequalityCheck>, gainLatex = 'K_c = K_c^*'): Section {
  const id = step.id;
  const p = check.proofNumbers;
  const blocks: Block[] = [para(...prose(STEP_TEXT[id])), para(...symbolLinks(STEP_SYMBOLS[id]))];
  blocks.push(para(text('As the paper writes it:')), { kind: 'displayMath', latex: PAPER_LATEX[id], label: `eq:${id}-paper` });
  const corrected = ineq.rhsCorrected ? CORRECTED_LATEX[id] : undefined;
  blocks.push(...correctionBlocks(step, corrected));
  const sub = substitutedRhs(id, p, ineq.at.t, byStep);
  blocks.push(para(text('With this model’s numbers at the start of the time set, '), math(`t = ${v(ineq.at.t)}`), text(' (left side from the trajectory):')));
  blocks.push({ kind: 'displayMath', latex: substitutedLine(LHS_LATEX[id], ineq.at.lhs, sub.paper, ineq.at.rhs), label: `eq:${id}-numbers` });
  if (sub.corrected && ineq.at.rhsCorrected !== undefined) {
    blocks.push(para(text('and corrected:')), { kind: 'displayMath', latex: substitutedLine(LHS_LATEX[id], ineq.at.lhs, sub.corrected, ineq.at.rhsCorrected), label: `eq:${id}-numbers-corrected` });
  }
  blocks.push({
    kind: 'claim',
    statement: [text(`Line ${index} checked along the trajectory.`)],
    value: [text(ineq.holds ? 'Holds along the whole trajectory; ' : 'FAILS somewhere on the trajectory; '), text('largest ratio of left to right side '), math(numLatex(ineq.maxRatio, 4)), text(' at '), math(`t = ${numLatex(ineq.tAtMaxRatio, 4)}`), text(', on the time set '), math(numLatex(ineq.maxRatioOnTimeSet, 4)), text('.')],
    verdict: ineq.holds ? 'pass' : 'fail',
    detail: [text(`Numeric, along ${trajectoryText(check.trajectory)}; a ratio far below 1 means the line is loose.`)],
  });
  // The first lines decay at rate K_cλ_m (time scale ~10⁻⁴ at large K_c*): the check adds log-spaced
  // times near t = 0, and a log t axis shows that transient next to the slow part.
  const positive = ineq.t.filter((x) => x > 0);
  const logX = positive.length > 1 && positive[positive.length - 1]! / positive[0]! >= 1e3;
  const pointsOf = (ys: readonly number[]) => ineq.t.map((x, k) => [x, ys[k]!] as [number, number]);
  blocks.push({
    kind: 'figure',
    id: `fig-${id}`,
    spec: {
      kind: 'line',
      x: { label: figureText({ math: 't' }), log: logX },
      y: { label: 'both sides', log: true },
      series: [
        { label: 'left-hand side', points: pointsOf(ineq.lhs) },
        { label: 'right-hand side (paper)', points: pointsOf(ineq.rhs), dash: 'dashed' },
        ...(ineq.rhsCorrected ? [{ label: 'right-hand side (corrected)', points: pointsOf(ineq.rhsCorrected), dash: 'dotted' as const }] : []),
      ],
    },
    caption: [text(`Both sides of line ${index} along the trajectory at `), math(gainLatex), text(logX ? '; log–log axes (the point ' : '; log scale'), ...(logX ? [math('t = 0'), text(' is not drawn)')] : []), text('. Numeric.')],
  });
  return { title: [text(`Line ${index}: `), ...equationTitle(step)], label: `sec:step-${id}`, blocks };
}

function equationTitle(step: ProofOutlineStep): Inline[] {
  const names: Record<StepId, string> = {
    'norm-facts': 'norm facts', 'consensus': 'consensus', 'mean-on-subspace': 'the mean on the invariant subspace', 'combined-error': 'the combined error',
    'reduced-to-steady': 'to the steady state', 'mean-to-blended': 'the mean against the blended trajectory', 'reduced-to-blended': 'to the blended trajectory',
    'orthogonal-split': 'orthogonal split', 'triangle': 'triangle inequality', 'symmetrization': 'symmetrisation', 'orbit-coordinates': 'orbit coordinates',
    'coherent-combined': 'combined bound', 'threshold': 'the threshold gain', 'projection-identity': 'distance to the invariant subspace',
  };
  const eqs = step.equations.length === 0 ? '' : step.equations.length === 1 ? ` (eq. ${step.equations[0]})` : ` (eqs. ${step.equations[0]}–${step.equations[step.equations.length - 1]})`;
  return [text(`${names[step.id]}${eqs}`)];
}

function expositionSection(index: number, step: ProofOutlineStep, theorem: TheoremKey, check: ProofEvaluation): Section {
  const id = step.id;
  const p = check.proofNumbers;
  const blocks: Block[] = [para(...prose(STEP_TEXT[id])), para(...symbolLinks(STEP_SYMBOLS[id]))];
  if (id === 'threshold') {
    const th = THRESHOLD_LATEX[theorem];
    blocks.push(para(text('As the paper writes it:')), { kind: 'displayMath', latex: th.paper, label: 'eq:threshold-paper' });
    blocks.push(...correctionBlocks(step, th.corrected));
    blocks.push(para(text('With this model’s numbers:')));
    const terms = (xs: readonly number[]) => `\\max\\{${xs.map((x) => v(x)).join(',\\ ')}\\}`;
    blocks.push({ kind: 'displayMath', latex: `K_c^* = ${terms(p.thresholds.paper)} = ${v(Math.max(...p.thresholds.paper))}`, label: 'eq:threshold-numbers' });
    if (th.corrected && p.thresholds.corrected) {
      blocks.push({ kind: 'displayMath', latex: `K_c^{*\\prime} = ${terms(p.thresholds.corrected)} = ${v(Math.max(...p.thresholds.corrected))}`, label: 'eq:threshold-numbers-corrected' });
    }
  } else {
    blocks.push(para(text('As the paper writes it:')), { kind: 'displayMath', latex: PAPER_LATEX[id], label: `eq:${id}-paper` });
    blocks.push(...correctionBlocks(step, undefined));
    if (id === 'norm-facts' && p.normL !== undefined) blocks.push(para(text('For this model: '), math(`\\|\\mathcal{L}\\| = ${v(p.normL)}`), text('.')));
    if (id === 'projection-identity') blocks.push(para(text('For this model: '), math(`C = \\|\\tilde\\nu(0)\\| = ${v(p.C0)}`), text('.')));
  }
  return { title: [text(`Line ${index}: `), ...equationTitle(step)], label: `sec:step-${id}`, blocks };
}

/** The section of line `index` (1-based) of a theorem's proof, from an evaluation. */
function lineSection(theorem: TheoremKey, outline: readonly ProofOutlineStep[], index: number, ev: ProofEvaluation, gainLatex?: string): Section {
  const step = outline[index - 1]!;
  const byStep = new Map(ev.intermediate.map((i) => [i.step, i] as [ProofStepId, InequalityCheck]));
  const ineq = step.checked ? byStep.get(step.id as ProofStepId) : undefined;
  return ineq ? checkedStepSection(index, step as ProofOutlineStep & { id: ProofStepId }, ineq, ev, byStep, gainLatex) : expositionSection(index, step, theorem, ev);
}

/** The titles of the lines of a theorem's proof, in the appendix's order (the explorer's step menu). */
export function proofLineTitles(outline: readonly ProofOutlineStep[]): string[] {
  return outline.map((step, i) => `Line ${i + 1}: ${equationTitle(step).map((x) => (x.kind === 'text' ? x.text : '')).join('')}`);
}

/**
 * One line of a theorem's proof (`outline`: the check's) evaluated at another gain than K_c* (the explorer's slider): the
 * walkthrough's section for that line, with this evaluation's numbers substituted, preceded by the
 * definitions of the symbols it uses (its links resolve there).
 */
export function proofLineAtGain(theorem: TheoremKey, outline: readonly ProofOutlineStep[], ev: ProofEvaluation, index: number, gainLatex: string): Section[] {
  const i = Math.min(Math.max(1, index), outline.length);
  const keys = STEP_SYMBOLS[outline[i - 1]!.id];
  return [
    { title: [text('Symbols of this line')], label: 'sec:symbols', blocks: definitionBlocks(keys, ev.proofNumbers) },
    lineSection(theorem, outline, i, ev, gainLatex),
  ];
}

/**
 * The walkthrough document of `theorem` for a derivation, or null when the theorem was not checked
 * for this model (it does not apply, or its constants are not derived).
 */
export function buildProofWalkthrough(d: Derivation, theorem: TheoremKey, options: ReportOptions): DerivationDocument | null {
  const check = d.checks.find((c) => c.theorem === theorem);
  if (!check) return null;
  const input = { model: d.modelFacts, generator: options.generator };
  const s = THEOREM_STATEMENTS[theorem];
  const table: TheoremConstants<string> = d.theorems[theorem].constants;
  const constants = constantsOf(table);
  const symbols = symbolsOf(theorem, check.outline);
  const intro: Block[] = [
    para(strong(text('Statement. ')), ...s.statement, text(' Its symbols are defined in '), ref('sec:symbols'), text('.')),
    para(text(`This walkthrough follows the proof in the paper’s ${s.appendix} `), cite('paper'), ...prose(' line by line for this model: each line as the paper writes it, the correction where the paper errs, the same line with this model’s numbers substituted and its value, and, for a bound that depends on time, both sides along the simulated trajectory at $K_c = K_c^*$. Every symbol is defined below, with its value for this model, and each line links back to the definitions it uses.')),
  ];
  const definitions: Section = {
    title: [text('Symbols')],
    label: 'sec:symbols',
    blocks: [para(text('In order of first use in the proof; numbers are this model’s (numeric, 4 significant digits; the constants table at the end gives each to full precision with its source).')), ...definitionBlocks(symbols, check.proofNumbers)],
  };
  const steps = check.outline.map((_, i) => lineSection(theorem, check.outline, i + 1, check));
  const verdict: Block = {
    kind: 'claim',
    statement: check.holdsAtKcStar ? prose('The theorem’s bound holds along the trajectory at $K_c = K_c^*$.') : [strong(text('COUNTEREXAMPLE: ')), ...prose('the theorem’s bound fails along the trajectory at $K_c = K_c^*$.')],
    value: check.counterexample ? prose(counterexampleText(check.counterexample)) : richText(`Time set: ${timeSetText(check.timeSet)}.`),
    verdict: check.holdsAtKcStar ? 'pass' : 'fail',
  };
  const closing: Block[] = [verdict];
  if (constants.length > 0) closing.push(constantsTable(constants, [text('The constants of the proof for this model, each with its value and source.')]));
  const sections: Section[] = [
    { title: [text('Setting')], label: 'sec:setting', blocks: intro },
    definitions,
    { title: [text('The proof, line by line')], label: 'sec:steps', blocks: [para(text(`The proof has ${steps.length} lines, in the order of ${s.appendix}; the conclusion is in `), ref('sec:verdict'), text('.'))], subsections: steps },
    { title: [text('Conclusion')], label: 'sec:verdict', blocks: closing },
    bibliographySection(),
  ];
  return typesetPlainMath({
    title: `${s.title}: proof walkthrough for ${input.model.title ?? input.model.name}`,
    metadata: { modelName: input.model.name, sourceFile: input.model.source.file, conventions: [], generator: input.generator },
    sections,
  });
}
