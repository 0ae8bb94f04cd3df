import type { APIRoute } from 'astro';
import { badgeSvg } from '../core/views/badge.ts';
import { currentPageStatus } from '../core/status/component-status.ts';
import { siteData } from '../site/data.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  return new Response(
    badgeSvg(currentPageStatus(data.incidents, data.catalog, data.now).indicator, 'ja', 'ステータス'),
    { headers: { 'Content-Type': 'image/svg+xml' } },
  );
};
