import type { APIRoute } from 'astro';
import { relatedJson } from '../../core/views/related.ts';
import { siteData } from '../../site/data.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  return new Response(`${JSON.stringify(relatedJson(data, data.siteUrl), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json' },
  });
};
