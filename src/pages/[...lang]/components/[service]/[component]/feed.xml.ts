import type { APIRoute } from 'astro';
import { langOf, siteData } from '../../../../../site/data.ts';
import { feedResponse } from '../../../../../site/feed-response.ts';

export async function getStaticPaths() {
  const data = await siteData();
  return data.catalog.catalog.services.flatMap((s) =>
    s.component_groups.flatMap((g) => g.components).flatMap((c) =>
      [undefined, 'en'].map((lang) => ({ params: { lang, service: s.id, component: c.id }, props: { name: { ja: `${s.name.ja} ${c.name.ja}`, en: `${s.name.en} ${c.name.en}` } } })),
    ),
  );
}
export const GET: APIRoute = ({ params, props }) => feedResponse(langOf(params.lang), props.name[langOf(params.lang)], { service: params.service, component: params.component });
