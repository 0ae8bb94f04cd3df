/** Which files are incidents: Markdown under incidents/, except the authoring guide. One definition for CI, CLI and site. */
export const INCIDENTS_DIR = 'incidents';

export function isIncidentPath(relPath: string): boolean {
  const p = relPath.replace(/\\/g, '/');
  return p.startsWith(`${INCIDENTS_DIR}/`) && p.endsWith('.md') && p !== `${INCIDENTS_DIR}/README.md` && !p.split('/').some((seg) => seg.startsWith('.'));
}

export function incidentPath(id: string): string {
  return `${INCIDENTS_DIR}/${id.slice(0, 4)}/${id}.md`;
}
