import type { APIRoute } from 'astro';
import { API_PATHS } from '../../../core/views/knowledge.ts';
import { statuspageApi } from '../../../core/views/statuspage-api.ts';
import { siteData, siteUrl } from '../../../site/data.ts';

export function getStaticPaths() {
  return API_PATHS.map((path) => ({ params: { path } }));
}
export const GET: APIRoute = async ({ params }) => {
  const api = statuspageApi(await siteData(), siteUrl());
  return new Response(`${JSON.stringify(api[params.path as keyof typeof api], null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
