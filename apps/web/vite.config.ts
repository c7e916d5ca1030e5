import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [vue()],
  server: {
    port: 5173,
    // In development the API runs separately (pnpm dev); in production it serves this build itself.
    proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
  build: {
    target: 'es2022',
    reportCompressedSize: false,
  },
})
