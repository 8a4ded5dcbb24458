// The one link format for a lesson (Copy Link, notes): `<scheme>://<extension id>/lesson/<id>#<section>`.
// The URI handler also accepts the `/lesson?id=…&section=…` form that notes written before 0.2 hold.

export interface LessonLinkTarget {
  readonly lessonId: string;
  readonly section?: string;
}

/** A `vscode://` (or the host's own scheme) link that opens the lesson, and section, in the reader. */
export function formatLessonLink(uriScheme: string, extensionId: string, target: LessonLinkTarget): string {
  const section = target.section ? `#${encodeURIComponent(target.section)}` : '';
  return `${uriScheme}://${extensionId}/lesson/${encodeURIComponent(target.lessonId)}${section}`;
}
