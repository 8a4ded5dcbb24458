// The extension's settings, read and changed through one typed module with one change event.
import * as vscode from 'vscode';
import { SETTINGS_SECTION, settingValue, type SettingKey, type SettingValues } from './settingsSchema';

export type { SettingKey, SettingValues };

/** The value of `interpLessons.<key>` now (its default when unset or of the wrong type). */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValues[K] {
  return settingValue(key, vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get(key));
}

/** Sets `interpLessons.<key>` (undefined removes it) in the given settings file, user settings by default. */
export function updateSetting<K extends SettingKey>(
  key: K,
  value: SettingValues[K] | undefined,
  target = vscode.ConfigurationTarget.Global,
): Thenable<void> {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, target);
}

/** Whether the workspace (not the user) settings hold a value for the key. */
export function hasWorkspaceValue(key: SettingKey): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect(key)?.workspaceValue !== undefined;
}

export interface SettingsChange {
  /** True when the change touches one of the keys. */
  affects(...keys: SettingKey[]): boolean;
}

/** One event for every change to the extension's settings. */
export function onDidChangeSettings(listener: (change: SettingsChange) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
    listener({ affects: (...keys) => keys.some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${k}`)) });
  });
}
