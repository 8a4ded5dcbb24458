export { fitLinearRegression, NEAR_SINGULAR_CONDITION } from './ols';
export type { LinearRegressionOptions, LinearRegressionResult, RegressionWarning } from './ols';
export { fitLogisticRegression, predictLogistic } from './logistic';
export type { ConvergenceReport, LogisticRegressionOptions, LogisticRegressionResult } from './logistic';
export { pca } from './pca';
export type { PcaResult } from './pca';
export { Random, trainTestSplit } from './random';
export { studentTCdf, studentTTwoSidedP, fSurvival, incompleteBeta } from './distributions';
export { DataError, RankDeficientError, RegressionError } from './errors';
export type { DataErrorCode, RegressionErrorCode } from './errors';
export {
  parseTable,
  parseFormula,
  parseRegressionBlock,
  buildRegressionData,
  regressionFileReference,
  tableColumns,
  MAX_CELLS,
} from './table';
export type { ParsedTable, Formula, RegressionBlock, RegressionData } from './table';
