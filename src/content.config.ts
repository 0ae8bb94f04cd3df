import { defineCollection } from 'astro:content';
import { IncidentSchema } from './core/incident/schema.ts';
import { incidentLoader } from './site/incident-loader.ts';

/** One schema for CI, the CLI and the site. */
export const collections = {
  incidents: defineCollection({ loader: incidentLoader(), schema: IncidentSchema }),
};
