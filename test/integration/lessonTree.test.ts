// The Lessons tree's items as VS Code gets them: a lesson's description carries its minutes and, once the
// annotations feature counts some, its notes (issue 16); the items follow the counts' change event.
import * as assert from '../common/assert';
import * as vscode from 'vscode';
import type { LessonRef } from '../../src/features/shared/annotationBridge';
import { LessonTreeProvider } from '../../src/features/lessons/lessonTree';
import { lessonsApi } from './helpers/api';

describe('Lessons tree items', function () {
  this.timeout(60_000);

  it("a lesson's description shows its minutes and its notes, and follows the counts", async () => {
    const lessons = await lessonsApi();
    const counts = new Map<string, number>();
    const asked: LessonRef[] = [];
    const changed = new vscode.EventEmitter<void>();
    const count = (ref: LessonRef) => {
      asked.push(ref);
      return counts.get(ref.lessonId) ?? 0;
    };
    const tree = new LessonTreeProvider(lessons.courses, lessons.progress, {
      count,
      onDidChangeCounts: changed.event,
    });
    try {
      const course = await lessons.courses.get();
      assert.ok((await tree.getChildren()).length > 0, 'the course is loaded');
      const lesson = course.lessons.find((l) => l.minutes);
      assert.ok(lesson, 'a lesson with its minutes');
      const item = () => tree.getTreeItem(tree.lessonNode(lesson.id));
      const minutes = `${lesson.minutes} min`;
      assert.strictEqual(item().description, minutes, 'no notes: the minutes alone');
      assert.deepStrictEqual(asked.at(-1), { lessonId: lesson.id, language: course.language, course: course.kind });

      const refreshed = new Promise<void>((resolve) => {
        const sub = tree.onDidChangeTreeData(() => {
          sub.dispose();
          resolve();
        });
      });
      counts.set(lesson.id, 3);
      changed.fire();
      await refreshed;
      assert.strictEqual(item().description, `${minutes} · 3 notes`);
      assert.match(item().accessibilityInformation?.label ?? '', /, (read|unread|in progress), 3 notes$/);
      counts.set(lesson.id, 1);
      assert.strictEqual(item().description, `${minutes} · 1 note`);
    } finally {
      tree.dispose();
      changed.dispose();
    }
  });

  it('a section with H3s under it is collapsible, one without is not', async () => {
    const lessons = await lessonsApi();
    const tree = new LessonTreeProvider(lessons.courses, lessons.progress);
    try {
      const course = await lessons.courses.get();
      await tree.getChildren();
      const lesson = course.lessons.find((l) =>
        l.sections.some((s, i, all) => s.level === 2 && all[i + 1]?.level === 3),
      );
      assert.ok(lesson, 'a lesson with an H3 under an H2');
      for (const [i, s] of lesson.sections.entries()) {
        if (s.level !== 2) continue;
        const expected: vscode.TreeItemCollapsibleState =
          lesson.sections[i + 1]?.level === 3
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.None;
        assert.strictEqual(tree.getTreeItem(tree.sectionNode(lesson.id, s.id)).collapsibleState, expected, s.id);
      }
    } finally {
      tree.dispose();
    }
  });
});
