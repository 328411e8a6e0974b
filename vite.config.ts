import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// One config for the client build (two pages: the app and the light embed page) and for the tests.
export default defineConfig({
  root: 'client',
  // The basemap GeoJSON lives in client/public: copied as same-origin static files, never bundled.
  publicDir: 'public',
  build: {
    outDir: fromRoot('dist/client'),
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; anything much bigger than that deserves a look.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        main: fromRoot('client/index.html'),
        embed: fromRoot('client/embed.html'),
        facilitator: fromRoot('client/facilitator.html'),
        // embed.js, the <atlas-map> element for other sites: a stable name, a classic script (no import).
        'embed-element': fromRoot('client/features/embed/atlas-map-element.ts'),
      },
      // maplibre-gl in a chunk of its own: it changes far less often than our code, so browsers keep it cached.
      output: {
        codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl/ }] },
        entryFileNames: (chunk) => (chunk.name === 'embed-element' ? 'embed.js' : 'assets/[name]-[hash].js'),
        // Wrapped in a function: a classic script's top-level names would otherwise land on the host's window.
        banner: (chunk) => (chunk.name === 'embed-element' ? '(()=>{' : ''),
        footer: (chunk) => (chunk.name === 'embed-element' ? '})();' : ''),
      },
    },
  },
  // MapLibre starts its worker as a module worker (see client/map/create-map.ts).
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root: repoRoot,
          environment: 'node',
          include: [
            'test/server/**/*.test.ts',
            'db/**/*.test.ts',
            'server/**/*.test.ts',
            'client/**/*.test.ts',
          ],
          globalSetup: 'test/helpers/global-setup.ts',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file clones its own database: a few at a time keeps memory in check.
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          root: repoRoot,
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: 'test/e2e/helpers/global-setup.ts',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One shared server and one browser: the files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
