import type { APIRoute } from 'astro';
import { API_PATHS } from '../../../core/views/knowledge.ts';
import { statuspageApi } from '../../../core/views/statuspage-api.ts';
import { siteData } from '../../../site/data.ts';
import { memo } from '../../../site/memo.ts';

export function getStaticPaths() {
  return API_PATHS.map((path) => ({ params: { path } }));
}
export const GET: APIRoute = async ({ params }) => {
  const data = await siteData();
  const api = memo('statuspage-api', () => statuspageApi(data, data.siteUrl));
  return new Response(`${JSON.stringify(api[params.path as keyof typeof api], null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json' },
  });
};
