/** Files bigger than this are listed but not read (a clear message instead of a stalled host). */
export const MAX_LESSON_BYTES = 8 * 1024 * 1024;

/** Why lesson bytes are not shown as a lesson (the caller words it in the user's language). */
export type LessonBytesProblem = 'tooLarge' | 'binary' | 'notUtf8';

/**
 * Decodes a lesson file: UTF-8 (a BOM is dropped), else a reason. No guessing of legacy code pages: a
 * Windows-1252 or -1258 file is refused rather than shown as silent mojibake. A NUL byte in the first
 * 8,000 bytes means binary, as git decides.
 */
export function decodeLessonBytes(
  bytes: Uint8Array,
  maxBytes = MAX_LESSON_BYTES,
): { text: string } | { problem: LessonBytesProblem } {
  if (bytes.length > maxBytes) return { problem: 'tooLarge' };
  if (bytes.subarray(0, 8000).includes(0)) return { problem: 'binary' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'notUtf8' };
  }
}
