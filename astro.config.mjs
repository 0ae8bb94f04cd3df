// @ts-check
import { defineConfig } from 'astro/config';
import { buildInputs } from './src/site/build-inputs.ts';

// Japanese at /, English at /en/. Static output only: the status page must not depend on a server.
export default defineConfig({
  site: buildInputs().siteUrl,
  output: 'static',
  trailingSlash: 'always',
  // Rendering several pages at once overlaps page writes (most of a large build's time) with rendering; see bench/results.md.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 8 },
  i18n: { locales: ['ja', 'en'], defaultLocale: 'ja', routing: { prefixDefaultLocale: false } },
  devToolbar: { enabled: false },
  // `astro dev` and `astro preview` both take their host and port from here.
  server: { host: '127.0.0.1', port: 4321 },
});
