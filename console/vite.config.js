import { defineConfig } from 'vite';

// The console is built into the jar's class path (baton-console/): index.html at /, everything
// else under /console/, which Baton serves without credentials (the page holds no data).
export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: process.env.CONSOLE_OUT_DIR || 'target/classes/baton-console',
    emptyOutDir: true,
    assetsDir: 'console',
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    // CONSOLE_MINIFY=false: readable names in a CPU profile (ConsoleIT -Dconsole.profile=true)
    minify: process.env.CONSOLE_MINIFY !== 'false',
  },
  server: {
    // npm exec vite: a dev server that forwards API calls to a Baton on BATON_URL
    proxy: { '/api': process.env.BATON_URL || 'http://127.0.0.1:8080' },
  },
});
