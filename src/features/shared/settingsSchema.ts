// Every setting the extension reads, with its type and default: the one place that knows them (package.json's
// contributes.configuration declares the same keys; a unit test keeps the two equal). Pure, so unit-tested.

export const SETTINGS_SECTION = 'interpLessons';

export interface SettingValues {
  language: 'auto' | 'vi' | 'en';
  fontSize: number;
  courseFolder: string;
  'glossary.enabled': boolean;
  'glossary.languages': string[];
  'glossary.files': string[];
  'glossary.markInLessons': 'firstPerSection' | 'all' | 'off';
  'glossary.markdownPreview': boolean;
  'snippets.askBeforeRevealing': boolean;
  'notes.folder': string;
  'review.reminders': boolean;
}
export type SettingKey = keyof SettingValues;

export const SETTING_DEFAULTS: Readonly<SettingValues> = {
  language: 'auto',
  fontSize: 0,
  courseFolder: '',
  'glossary.enabled': true,
  'glossary.languages': ['markdown', 'plaintext'],
  'glossary.files': [],
  'glossary.markInLessons': 'firstPerSection',
  'glossary.markdownPreview': true,
  'snippets.askBeforeRevealing': true,
  'notes.folder': 'lesson-notes',
  'review.reminders': true,
};

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const oneOf =
  <T extends string>(...values: T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as string[]).includes(v);

const VALID: { [K in SettingKey]: (v: unknown) => v is SettingValues[K] } = {
  language: oneOf('auto', 'vi', 'en'),
  fontSize: (v): v is number => typeof v === 'number' && Number.isFinite(v),
  courseFolder: isString,
  'glossary.enabled': isBoolean,
  'glossary.languages': isStrings,
  'glossary.files': isStrings,
  'glossary.markInLessons': oneOf('firstPerSection', 'all', 'off'),
  'glossary.markdownPreview': isBoolean,
  'snippets.askBeforeRevealing': isBoolean,
  'notes.folder': isString,
  'review.reminders': isBoolean,
};

/**
 * A setting's value as the extension uses it: what the user set when it has the right type, else the default
 * (a hand-edited settings.json can hold anything; the manifest's schema only warns).
 */
export function settingValue<K extends SettingKey>(key: K, raw: unknown): SettingValues[K] {
  return VALID[key](raw) ? raw : SETTING_DEFAULTS[key];
}
