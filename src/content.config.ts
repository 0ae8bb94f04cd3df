import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
import { IncidentSchema } from './core/incident/schema.ts';
import { incidentLoader } from './site/incident-loader.ts';

export const collections = {
  /** One schema and one loader for CI, the CLI and the site. Public scope only. */
  incidents: defineCollection({ loader: incidentLoader(), schema: IncidentSchema }),
  /** Knowledge-site prose, one file per language: kb/<ja|en>/<slug>.md. */
  kb: defineCollection({
    loader: glob({ pattern: '*/*.md', base: './src/content/kb' }),
    schema: z.strictObject({ title: z.string(), description: z.string(), order: z.number().int() }),
  }),
};
