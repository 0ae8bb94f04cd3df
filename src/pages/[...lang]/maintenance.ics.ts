import type { APIRoute } from 'astro';
import { maintenanceCalendar } from '../../core/views/ical.ts';
import { langOf, langPaths, siteData } from '../../site/data.ts';

export const getStaticPaths = langPaths;
export const GET: APIRoute = async ({ params }) => {
  const data = await siteData();
  const lang = langOf(params.lang);
  const name = `${data.catalog.catalog.site.name[lang]} ${lang === 'ja' ? 'メンテナンス' : 'maintenance'}`;
  return new Response(maintenanceCalendar(data, lang, data.siteUrl, name), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
