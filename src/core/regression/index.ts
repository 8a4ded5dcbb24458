export { fitLinearRegression, NEAR_SINGULAR_CONDITION } from './ols';
export type { LinearRegressionOptions, LinearRegressionResult, RegressionWarning } from './ols';
export { studentTCdf, studentTTwoSidedP, fSurvival, incompleteBeta } from './distributions';
export { DataError, RankDeficientError, RegressionError } from './errors';
export type { DataErrorCode, RegressionErrorCode } from './errors';
