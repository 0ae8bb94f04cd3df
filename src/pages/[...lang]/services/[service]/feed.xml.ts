import type { APIRoute } from 'astro';
import { langOf, siteData } from '../../../../site/data.ts';
import { feedResponse } from '../../../../site/feed-response.ts';

export async function getStaticPaths() {
  const data = await siteData();
  return data.catalog.catalog.services.flatMap((s) => [undefined, 'en'].map((lang) => ({ params: { lang, service: s.id }, props: { name: s.name } })));
}
export const GET: APIRoute = ({ params, props }) => feedResponse(langOf(params.lang), props.name[langOf(params.lang)], { service: params.service });
