import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Commands } from '../../src/constants';
import { GLOSSARY_COMMANDS } from '../../src/features/glossary/commandIds';
import { LESSONS_COMMANDS } from '../../src/features/lessons/commandIds';
import { SNIPPETS_COMMANDS } from '../../src/features/snippets/commandIds';
import { REVIEW_COMMANDS } from '../../src/features/review/commandIds';
import { ANNOTATIONS_COMMANDS, AnnotationCommands } from '../../src/features/annotations/commandIds';
import { ANNOTATIONS_VIEW_COMMANDS, AnnotationViewCommands } from '../../src/features/annotations/viewCommandIds';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
const tables: Record<string, readonly string[]> = {
  lessons: LESSONS_COMMANDS,
  snippets: SNIPPETS_COMMANDS,
  glossary: GLOSSARY_COMMANDS,
  review: REVIEW_COMMANDS,
  annotations: ANNOTATIONS_COMMANDS,
  annotationsView: ANNOTATIONS_VIEW_COMMANDS,
};
/** Every command id: Commands, and the ids the annotations feature keeps beside itself while it is new. */
const allIds = [
  ...Object.values(Commands),
  ...Object.values(AnnotationCommands),
  ...Object.values(AnnotationViewCommands),
];
const inTables = Object.values(tables).flat();
const isInternal = (id: string) => id.startsWith(`${Commands.openLesson.split('.')[0]}._`);

describe('commands: one table per feature', () => {
  it('every command package.json contributes is in some feature table, and every public one there is contributed', () => {
    assert.deepStrictEqual(
      contributed.filter((id) => !inTables.includes(id)),
      [],
      'contributed, in no table',
    );
    const notContributed = inTables.filter((id) => !isInternal(id) && !contributed.includes(id));
    assert.deepStrictEqual(notContributed, [], 'in a table, not contributed');
  });

  it('each id of Commands is in exactly one table (internal ones too), and no table holds one twice', () => {
    assert.deepStrictEqual([...inTables].sort(), allIds.sort());
    assert.strictEqual(new Set(inTables).size, inTables.length);
  });

  it('internal commands are not contributed (they take arguments the palette cannot give)', () => {
    assert.deepStrictEqual(contributed.filter(isInternal), []);
    assert.ok(inTables.some(isInternal), 'the tables hold the internal commands');
  });
});
