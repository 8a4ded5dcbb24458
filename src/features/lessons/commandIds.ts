import { Commands } from '../../constants';

/** The lessons feature's commands (its table in commands.ts has a run for each); readable without VS Code. */
export const LESSONS_COMMANDS = [
  Commands.showLesson,
  Commands.openLesson,
  Commands.openLessonToSide,
  Commands.nextLesson,
  Commands.previousLesson,
  Commands.searchLessons,
  Commands.resetProgress,
  Commands.switchLanguage,
  Commands.markRead,
  Commands.markUnread,
  Commands.copyLink,
  Commands.openLessonSource,
  Commands.refreshLessons,
  Commands.openCourseFolder,
  Commands.closeCourseFolder,
  Commands.repairEncoding,
  Commands.typesetAllMath,
] as const;
