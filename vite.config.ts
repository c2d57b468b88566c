/** Vite build of the dashboard (client/) into client/dist, which the server serves at `/`. */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'client',
  base: '/',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The server's CSP forbids inline scripts; Vite's preload polyfill would be inlined otherwise.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
});
