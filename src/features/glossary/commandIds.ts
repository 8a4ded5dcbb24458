import { Commands } from '../../constants';

/** The glossary feature's commands (its table in register.ts has a run for each); readable without VS Code. */
export const GLOSSARY_COMMANDS = [
  Commands.showTermInternal,
  Commands.lookUpTerm,
  Commands.insertDefinition,
  Commands.filterGlossary,
  Commands.clearGlossaryFilter,
] as const;
