import { Commands } from '../../constants';

/** The review feature's commands (its table in commands.ts has a run for each); readable without VS Code. */
export const REVIEW_COMMANDS = [Commands.reviewTerms] as const;
