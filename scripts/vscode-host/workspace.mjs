// Prepares a workflow folder for the VS Code host: a fresh copy of a sample, its Agentify
// workspace settings, and the environment that points AWS clients at a local DynamoDB.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Copies src to dest (replacing dest), leaving out caches and .agentify/: that folder holds the
 * sample's own project config (which would win over the workspace settings written next, key by
 * key) and local state of earlier runs.
 */
export function copyWorkspace(src, dest) {
  if (!existsSync(src)) throw new Error(`No workflow folder at ${src}`);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(path.dirname(dest), { recursive: true });
  const skipped = new Set(['__pycache__', '.pytest_cache', '.agentify', '.venv', 'node_modules']);
  cpSync(src, dest, { recursive: true, filter: (p) => !skipped.has(path.basename(p)) });
  return dest;
}

/** Merges settings into the folder's .vscode/settings.json (plain JSON). */
export function writeWorkspaceSettings(dir, settings) {
  const file = path.join(dir, '.vscode', 'settings.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...existing, ...settings }, null, 2)}\n`);
  return file;
}

/**
 * Environment for the host, and so for the extension host and the workflow it spawns, when the
 * table is on a local DynamoDB server: that server accepts any credentials, and instance-metadata
 * lookups are turned off so nothing waits on an AWS endpoint.
 */
export function localAwsEnv({ accessKeyId, secretAccessKey }, region) {
  return {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
