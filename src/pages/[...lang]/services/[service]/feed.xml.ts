import type { APIRoute } from 'astro';
import { langOf, siteData } from '../../../../site/data.ts';
import { feedResponse } from '../../../../site/feed-response.ts';

export async function getStaticPaths() {
  const data = await siteData();
  return data.catalog.catalog.services.flatMap((s) =>
    [undefined, 'en'].map((lang) => ({ params: { lang, service: s.id } })),
  );
}
export const GET: APIRoute = ({ params }) => feedResponse(langOf(params.lang), { service: params.service });
