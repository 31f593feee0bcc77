import { defineConfig } from 'vitest/config';

// The one DynamoDB Local server of a run, for the projects whose tests talk to it.
const DYNAMODB_LOCAL = 'test/support/globalSetup.ts';

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
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Each project lists its own files and set-up (a list here would be merged into every project).
    // Groups run in order: the first three side by side, then the end-to-end files.
    projects: [
      {
        extends: true,
        // Template tests run cfn-lint and asl-validator, programs that load their whole rule sets at
        // start: seconds when idle, far more on a loaded machine. A bound, not a claim about speed.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 120_000, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: [DYNAMODB_LOCAL],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Real Chromium: a test is a few dozen actions, each awaited with a bounded retry, which
        // on a loaded 2-core machine can add up past the default.
        extends: true,
        test: {
          name: 'webview',
          include: ['test/webview/**/*.test.ts'],
          globalSetup: ['test/webview/support/globalSetup.ts'],
          testTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Each end-to-end file drives a real VS Code host and a browser: one file at a time, after
        // the rest (two such hosts at once starve a small machine), with room for a workflow run.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: [DYNAMODB_LOCAL, 'test/e2e/support/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
