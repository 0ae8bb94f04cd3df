/**
 * The content-collection loader: the same files, parser, schema and rules as
 * the checker. Only public-scope incidents enter the collection, and only
 * their front-matter: the Markdown body is engineers' notes and is never
 * published. Files with errors are left out with a loud warning (CI reports
 * them; a deploy that failed on one bad file would stop every other notice
 * from being posted).
 */
import type { Loader } from 'astro/loaders';
import { readCatalog } from '../adapters/catalog-store.ts';
import { listIncidentFiles, readSources } from '../adapters/incident-store.ts';
import { checkIncidents } from '../core/check/check-incidents.ts';
import { buildNow, repoRoot } from './site-config.ts';

export function incidentLoader(): Loader {
  return {
    name: 'status-portal-incidents',
    async load({ store, parseData, logger }) {
      const root = repoRoot();
      const catalog = readCatalog(root);
      const { files } = checkIncidents(readSources(root, listIncidentFiles(root)), { catalog, now: buildNow() });
      store.clear();
      for (const f of files) {
        const errors = f.findings.filter((x) => x.severity === 'error');
        if (errors.length || !f.incident) {
          logger.warn(`${f.file}: left off the site, ${errors.length} error(s): run npm run check -- ${f.file}`);
          continue;
        }
        if (f.incident.scope !== 'public') continue;
        const { internal: _internal, ...published } = f.incident;
        store.set({ id: f.incident.id, data: await parseData({ id: f.incident.id, data: published }) });
      }
    },
  };
}
