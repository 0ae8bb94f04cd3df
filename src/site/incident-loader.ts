/**
 * The content-collection loader: the same files, parser, schema and rules as
 * the checker, at the build's inputs (root, catalog, instant). Only public
 * incidents enter the collection, through the one public-scope filter, and
 * only their front-matter: the Markdown body is engineers' notes and is never
 * published. Files with errors are left out with a loud warning (CI reports
 * them; a deploy that failed on one bad file would stop every other notice
 * from being posted).
 */
import type { Loader } from 'astro/loaders';
import { listIncidentFiles, readSources } from '../adapters/incident-store.ts';
import { checkIncidents } from '../core/check/check-incidents.ts';
import type { Incident } from '../core/incident/schema.ts';
import { publicIncidents } from '../core/incident/public-incident.ts';
import { buildInputs } from './build-inputs.ts';

export function incidentLoader(): Loader {
  return {
    name: 'status-portal-incidents',
    async load({ store, parseData, logger }) {
      const { root, catalog, now } = buildInputs();
      const { files } = checkIncidents(readSources(root, listIncidentFiles(root)), { catalog, now });
      const valid: Incident[] = [];
      for (const f of files) {
        const errors = f.findings.filter((x) => x.severity === 'error');
        if (errors.length || !f.incident)
          logger.warn(`${f.file}: left off the site, ${errors.length} error(s): run npm run check -- ${f.file}`);
        else valid.push(f.incident);
      }
      store.clear();
      for (const incident of publicIncidents(valid))
        store.set({ id: incident.id, data: await parseData({ id: incident.id, data: incident }) });
    },
  };
}
