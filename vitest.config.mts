import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Python templates import as their text, as esbuild's `text` loader bundles them for the extension.
      name: 'python-as-text',
      enforce: 'pre',
      transform(code: string, id: string) {
        if (!id.endsWith('.py')) return undefined;
        return { code: `export default ${JSON.stringify(code)};`, map: null };
      },
    },
  ],
  test: {
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Each project lists its own files (a list here would be merged into both).
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/webview/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        // Each end-to-end file drives a real VS Code host and a browser: one file at a time, after
        // the rest (two such hosts at once starve a small machine), with room for a workflow run.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
