import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import packageJson from './package.json' with { type: 'json' }

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // The app uses a small part of vue-i18n (useI18n's t, te and locale); the build ships that part
      // alone, ~14 KB gzip less on the first screen. tests/unit/i18n/vueI18nSubset.test.ts compares the two.
      { find: /^vue-i18n$/, replacement: fileURLToPath(new URL('./src/i18n/vueI18nSubset.ts', import.meta.url)) },
    ],
  },
  define: {
    __APP_VERSION__: JSON.stringify(packageJson.version),
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  plugins: [
    vue(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'robots.txt', 'apple-touch-icon-180x180.png'],
      manifest: {
        name: 'Superbruger',
        short_name: 'Superbruger',
        description: 'Log IT-hjælp, tid og tjeklister — også uden netværk',
        lang: 'da',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b5cad',
        background_color: '#ffffff',
        icons: [
          { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,wasm}'],
        navigateFallback: '/index.html',
        // /a/<code>?meld=1 and /t/<code>?offentlig=1 are the server's own pages for a signed-out device, never the app.
        navigateFallbackDenylist: [/^\/api\//, /^\/a\/[^/?]+\?(?:.*&)?meld=/, /^\/t\/[^/?]+\?(?:.*&)?offentlig=/],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // The report's worker imports Dexie and the counting as modules (it is started with type: 'module').
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Browsers without modulepreload still load every module; they just do not preload it.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // valibot marks its functions free of side effects, but this build does not see those marks:
      // say so for calls through the namespace name the record files (src/domain/records/) use, so
      // a screen that imports a record's constants does not carry its schema. Never a short name:
      // ['v'] made every call of any function named v pure and dropped one in the QR scanner.
      treeshake: { manualPureFunctions: ['valibot'] },
      output: {
        // Everything the first screen loads (the entry's static imports, libraries and app code) in
        // one chunk: one request instead of nine before the home can render, and it compresses
        // better than nine small files. Code of the lazy screens still splits by route.
        codeSplitting: {
          groups: [{ name: 'vendor', tags: ['$initial'] }],
        },
      },
    },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
})
