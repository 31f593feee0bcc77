/**
 * The registry's Lambda entry (bundled to dist/registry-lambda/index.js). The table comes from
 * REGISTRY_TABLE_NAME; REGISTRY_MODE 'read' serves only reads. No memory fallback here: a
 * function instance's memory is not a registry, so a missing table is a 500 that says so.
 */
import { AwsClientFactory } from '../aws/clientFactory';
import { AgentRegistry } from './agentRegistry';
import { createRegistryHandler } from './httpHandler';
import { LambdaHttpEvent, fromLambdaEvent, toLambdaResult } from './lambdaEvent';
import { DEFAULT_REGISTRY_TABLE, DEFAULT_STALE_AFTER_MS } from './types';

const env = process.env;
const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB || undefined;
const staleSeconds = Number(env.REGISTRY_STALE_AFTER_SECONDS);

const registry = new AgentRegistry({
  clients: new AwsClientFactory(() => ({ region, endpoint })),
  tableName: () => env.REGISTRY_TABLE_NAME || DEFAULT_REGISTRY_TABLE,
  target: () => ({ region, endpoint }),
  staleAfterMs: () => (staleSeconds > 0 ? staleSeconds * 1000 : DEFAULT_STALE_AFTER_MS),
  fallbackToMemory: false,
  log: (m) => console.warn(m),
});

const mode = env.REGISTRY_MODE === 'read' ? 'read' : env.REGISTRY_MODE === 'write' ? 'write' : 'all';
const handle = createRegistryHandler(registry, { mode, log: (m) => console.error(m) });

export async function handler(event: LambdaHttpEvent) {
  return toLambdaResult(await handle(fromLambdaEvent(event)));
}
