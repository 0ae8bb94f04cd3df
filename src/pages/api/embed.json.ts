import type { APIRoute } from 'astro';
import { embedJson } from '../../core/views/embed.ts';
import { siteData, siteUrl } from '../../site/data.ts';

export const GET: APIRoute = async () => new Response(`${JSON.stringify(embedJson(await siteData(), siteUrl()), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
