/** In the one-file web bundle; its module initialises on the first hover that shows a formula, as on desktop. */
export function loadFormulaSvgs(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('virtual:glossary-formulas') as Record<string, string>;
}
