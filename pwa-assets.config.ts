import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config'

// Generates the PWA icons in public/ from the logo: `npm run icons`.
export default defineConfig({
  preset: { ...minimal2023Preset, maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#0b5cad' } }, apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#0b5cad' } } },
  images: ['public/favicon.svg'],
})
