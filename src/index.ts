/**
 * qblend's public API: a re-export list, nothing else. Derivations and other programs import from
 * here (STYLE.md §6.6); internal modules import each other directly.
 */

// core
export { UserError, ModelTooLarge, IncompatibleSpaces, DimensionMismatch } from './core/errors.ts';
export type { SourceLocation, Warning } from './core/errors.ts';
export { qubitSpace, qubitBit, swapBits } from './core/space.ts';
export type { Space } from './core/space.ts';
export { LOCAL_OP_NAMES } from './core/lowered-model.ts';
export type { LocalOpName, ComplexPair, NumericTerm, NumericChannel, LoweredModel } from './core/lowered-model.ts';

// algebra (exact)
export { Scalar, parameterLatex } from './algebra/scalar.ts';
export { ExactMatrix } from './algebra/matrix.ts';
export { PauliSum } from './algebra/pauli.ts';
export type { PauliTerm, PauliLetter } from './algebra/pauli.ts';

// model: derivation files → validated exact network models
export { parseModel } from './model/parse.ts';
export type {
  NetworkModel, LindbladChannel, InitialState, ProductState, SparseState, Study, StudyAsRun, DefaultedStudyKey, ExactPath, PaperBlock, PaperValue,
} from './model/network.ts';
export {
  productState, sparseState, stateOperator, substituteParameters, exactDenseAllowed, requireExactDense, EXACT_DENSE_MAX_QUBITS,
  studyAsRun, STUDY_DEFAULTS,
} from './model/network.ts';
export { SparseOperator, DENSE_STATE_MAX_QUBITS, EXACT_DENSE_LIMIT_HINT } from './model/sparse.ts';
export type { SparseEntry } from './model/sparse.ts';
export { parseExpr, parseBinder, subscriptedByIndex, ExprError, OPERATOR_NAMES, RESERVED_NAMES } from './model/expr.ts';
export type { Expr, IndexExpr, Binder, Relation, LocalOp, SubscriptedName } from './model/expr.ts';
export {
  evaluate, evaluateOperator, evaluateScalar, evaluateState, evaluateStateOrKet, bindingsOf, indexValueOf, MAX_KET_BASIS_STATES,
} from './model/evaluate.ts';
export type { EvalMode, EvalOptions, Value, ModelScope } from './model/evaluate.ts';
export { exprToLatex } from './model/expr-latex.ts';
export { exprToText, binderText, bindIndices } from './model/expr-text.ts';
export {
  completeGraph, ringGraph, pathGraph, starGraph, explicitGraph, degrees, laplacian, laplacianEntries, components, isConnected,
} from './model/graph.ts';
export type { Graph, GraphFamily, Edge } from './model/graph.ts';
export { isPositiveSemidefiniteExact } from './model/psd.ts';
export { pauliToText, EXACT_PSD_MAX_BLOCK } from './model/validate.ts';
export { lowerModel } from './model/lower.ts';
export { modelJson, exactJson, exactMatrixJson, JSON_SCHEMA_VERSION } from './model/model-json.ts';
export type { ModelJson, ExactJson, ExactMatrixJson, OperatorJson } from './model/model-json.ts';
export { CONVENTIONS } from './model/conventions.ts';
export { MODEL_SCHEMA } from './model/schema.ts';
export type { Schema, FieldSpec } from './model/schema.ts';

// derivation: one typed value per model (§4, §5, Theorems 1–4, simulation, checks) and its renderings
export { derive, GENERATOR } from './api/derive.ts';
export type { DerivationResult } from './api/derive.ts';
export { qutipExport, qutipScript, ladderExpansion } from './api/qutip-export.ts';
export type { QutipExportFacts } from './report/qutip-script.ts';
export type { Derivation, DeriveOptions, SimulationSkipped } from './derivation/derive.ts';
export type { DerivationFrame, FrameOptions } from './derivation/frame.ts';
export type { CoherentCheckPlan } from './derivation/check-plan.ts';
export type { ReducedDerivation, Erratum } from './reduced/derive.ts';
export type { CoherentDerivation } from './coherent/derive.ts';
export type { TheoremResults, TheoremKey } from './theorems/derive-theorems.ts';
export type { Theorem1Result, Theorem1Key, ApplicabilityCheck, ApplicabilityCheckId, TheoremOutcome } from './theorems/theorem1.ts';
export type { RelaxingReason } from './reduced/steady.ts';
export type { Theorem2Result, Theorem2Key } from './theorems/theorem2.ts';
export type { Theorem3Result, Theorem3Key } from './theorems/theorem3.ts';
export type { Theorem4Result, Theorem4Key } from './theorems/theorem4.ts';
export type { TheoremConstants, ConstantValue, ConstantPresentation, NamedConstant, ConstantSource, SourceFact } from './theorems/common.ts';
export type {
  TheoremCheck, TheoremEvaluation, InequalityCheck, BisectionResult, CheckTimeSet, CheckTrajectory, ProofStepId, BisectionOutcome, MonotonicityViolation, Counterexample,
} from './theorems/checks.ts';
export type { SimulationNote, SteadySource } from './simulate/context.ts';
export type { SeparabilityVerdict, SeparabilityViolation, SeparabilityNote } from './reduced/separability.ts';
export type { ReducedErratum, InitialIssue, WindowSource } from './reduced/derive.ts';
export type { MuRule } from './reduced/steady.ts';
export type { LambdaMinNote } from './model/graph-spectrum.ts';
export type { SymmetryDefectNote } from './coherent/derive.ts';
export type { GeneratorNormNote } from './coherent/superop-norm.ts';
export type { ProjectedSpectrumMethod, ProjectedKernelMethod, OrbitInitialMethod } from './coherent/projection.ts';
export type { SimulationResult, Curve, MetricName, BlochEndpoints } from './simulate/simulate.ts';
export type { DerivationDocument } from './report/document.ts';
export { derivationJson, stringifyJson } from './report/json.ts';
