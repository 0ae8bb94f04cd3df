import type { APIRoute } from 'astro';
import { langOf, langPaths } from '../../site/data.ts';
import { feedResponse } from '../../site/feed-response.ts';

export const getStaticPaths = langPaths;
export const GET: APIRoute = ({ params }) => feedResponse(langOf(params.lang));
