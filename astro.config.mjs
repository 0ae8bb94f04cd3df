// @ts-check
import { defineConfig } from 'astro/config';
import { siteUrl } from './src/site/site-config.ts';

// Japanese at /, English at /en/. Static output only: the status page must not depend on a server.
export default defineConfig({
  site: siteUrl(),
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: { locales: ['ja', 'en'], defaultLocale: 'ja', routing: { prefixDefaultLocale: false } },
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: 4321 },
  preview: { host: '127.0.0.1', port: 4321 },
});
