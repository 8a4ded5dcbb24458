import { Commands } from '../../constants';

/** The snippets feature's commands (its table in commands.ts has a run for each); readable without VS Code. */
export const SNIPPETS_COMMANDS = [
  Commands.runSnippet,
  Commands.runSnippetInternal,
  Commands.rerunSnippet,
  Commands.runRegressionOnSelection,
  Commands.runRegressionBlockInternal,
] as const;
