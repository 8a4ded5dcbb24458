export {
  SNIPPETS,
  findSnippet,
  resolveParams,
  validateCatalogue,
  isParameterValueValid,
  SnippetParameterError,
  UnknownSnippetError,
} from './catalogue';
export { SnippetConstraintError } from './errors';
export { runSnippet, estimateSnippetCost, RUNNABLE_SNIPPETS } from './run';
export { runRegressionOnData, DATA_ROWS_SHOWN } from './regressionReport';
export { formatNumber, formatFull, formatP, formatCell, formatCellFull, ESTIMATE_DIGITS, pick } from './format';
export { plotToSvg } from './svg';
export { toMarkdownNote } from './markdown';
export { toPythonScript, PYTHON_INLINE_ROWS } from './python';
export { runJob, estimateJobCost, describeFailure } from './jobs';
export type { SnippetJob, JobOutcome, JobFailure } from './jobs';
export { findRegressionBlocks } from './blocks';
export { parseResultsMessage } from './messages';
export type { RenderReport, PanelAction, ResultsMessage, ResultView, ViewCell } from './messages';
export type { RegressionFence } from './blocks';
export { resultToText } from './text';
export { isInsideFolders, normalizeSlashPath } from './dataPath';
export type { PathLocation } from './dataPath';
export type * from './types';
