/**
 * The shape of a postmortem document (postmortems/<id>.md): where it lives,
 * its required sections and the placeholder an author replaces. The
 * template renderer writes this shape and the checker's rules (INC100–INC103)
 * read it; neither needs the other.
 */
export const TODO = 'TODO';

/** Required sections, in order; each must have content other than TODO before review. */
export const POSTMORTEM_SECTIONS = [
  'Summary',
  'Impact',
  'Detection',
  'Timeline',
  'Root causes and contributing factors',
  'Resolution and recovery',
  'Shared-responsibility note',
  'Communication review',
  'Lessons learned',
  'Action items',
  'SLA breach reason',
  'Public summary',
  'Reviewer checklist',
] as const;

export function postmortemPath(id: string): string {
  return `postmortems/${id}.md`;
}

/** The body of each level-2 section of a postmortem document. */
export function postmortemSections(markdown: string): Map<string, { line: number; body: string }> {
  const sections = new Map<string, { line: number; body: string }>();
  const lines = markdown.split('\n');
  let current: { name: string; line: number; body: string[] } | undefined;
  const flush = () =>
    current && sections.set(current.name, { line: current.line, body: current.body.join('\n').trim() });
  lines.forEach((l, i) => {
    const m = /^## (.+?)\s*$/.exec(l);
    if (m) {
      flush();
      current = { name: m[1]!, line: i + 1, body: [] };
    } else current?.body.push(l);
  });
  flush();
  return sections;
}
