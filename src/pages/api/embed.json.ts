import type { APIRoute } from 'astro';
import { embedJson } from '../../core/views/embed.ts';
import { siteData } from '../../site/data.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  return new Response(`${JSON.stringify(embedJson(data, data.siteUrl), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json' },
  });
};
