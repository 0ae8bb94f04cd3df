/**
 * Where incidents live: path ↔ id and "which file holds this id", one
 * definition for CI, CLI, scripts and site. An incident is incidents/<YYYY>/<id>.md;
 * the authoring guide (incidents/README.md) is not one.
 */
export const INCIDENTS_DIR = 'incidents';
export const INCIDENTS_README = `${INCIDENTS_DIR}/README.md`;

export function isIncidentPath(relPath: string): boolean {
  const p = relPath.replace(/\\/g, '/');
  return (
    p.startsWith(`${INCIDENTS_DIR}/`) &&
    p.endsWith('.md') &&
    p !== INCIDENTS_README &&
    !p.split('/').some((seg) => seg.startsWith('.'))
  );
}

/** The file an incident with this id is written to. */
export function incidentPath(id: string): string {
  return `${INCIDENTS_DIR}/${id.slice(0, 4)}/${id}.md`;
}

/** The id a file name stands for (its name without .md). */
export function incidentIdOf(relPath: string): string {
  return (relPath.split(/[\\/]/).pop() ?? '').replace(/\.md$/, '');
}

/** The file holding `id` among listed incident paths, wherever it was (mis)filed. */
export function findIncidentFile(paths: readonly string[], id: string): string | undefined {
  return paths.find((p) => incidentIdOf(p) === id);
}
