/**
 * The command line and environment a workflow process gets: the ids, where its events go, and the
 * bundled decorators on PYTHONPATH so `import agentify` works without pip.
 */
import * as path from 'node:path';
import { type AgentifyConfig, DEFAULT_TTL_DAYS } from '../config/agentifyConfig';

export interface RunEnvironmentInput {
  base: NodeJS.ProcessEnv;
  config: AgentifyConfig;
  workflowId: string;
  traceId: string;
  /** The DynamoDB endpoint URL the workflow writes to; undefined = AWS. */
  endpointUrl?: string;
  /** `<extensionPath>/python-decorators`. */
  decoratorsPath: string;
  /** The workspace folder (the run's cwd): its name is the owner when none is configured. */
  workspaceFolder?: string;
  platform?: NodeJS.Platform;
  /** Base URL of the extension's OTLP receiver (`http://127.0.0.1:4318`); undefined = receiver off. */
  otlpEndpoint?: string;
  /** The agent registry's table, for agents that register themselves (agentify.registry). */
  registryTable?: string;
}

/** Whose runs these are in the table's indexes: the setting, else the workspace folder's name. */
export function runOwner(config: AgentifyConfig, workspaceFolder: string | undefined): string | undefined {
  return config.infrastructure.dynamodb.owner || (workspaceFolder ? path.basename(workspaceFolder) : undefined);
}

export function buildRunArgs(entryPath: string, prompt: string, workflowId: string, traceId: string): string[] {
  return [entryPath, '--prompt', prompt, '--workflow-id', workflowId, '--trace-id', traceId];
}

export function buildRunEnv(input: RunEnvironmentInput): NodeJS.ProcessEnv {
  const { base, config, workflowId, traceId, endpointUrl, decoratorsPath } = input;
  const sep = (input.platform ?? process.platform) === 'win32' ? ';' : path.delimiter;
  const env: NodeJS.ProcessEnv = { ...base };
  env.AGENTIFY_WORKFLOW_ID = workflowId;
  env.AGENTIFY_TRACE_ID = traceId;
  env.AGENTIFY_TABLE_NAME = config.infrastructure.dynamodb.tableName;
  env.AGENTIFY_TABLE_REGION = config.infrastructure.dynamodb.region;
  // Index keys and retention the DynamoDB sink writes; the viewer's team history reads the same owner.
  const owner = runOwner(config, input.workspaceFolder);
  if (owner) env.AGENTIFY_OWNER = owner;
  env.AGENTIFY_TTL_DAYS = String(config.infrastructure.dynamodb.ttlDays ?? DEFAULT_TTL_DAYS);
  if (endpointUrl) env.AGENTIFY_DYNAMODB_ENDPOINT = endpointUrl;
  else delete env.AGENTIFY_DYNAMODB_ENDPOINT;
  if (config.aws.profile) env.AWS_PROFILE = config.aws.profile;
  if (config.workflow.stdoutEvents) delete env.AGENTIFY_STDOUT;
  else env.AGENTIFY_STDOUT = '0';
  // Without it Python block-buffers stdout into a pipe and the viewer sees events in bursts.
  env.PYTHONUNBUFFERED = '1';
  env.PYTHONPATH = base.PYTHONPATH ? `${decoratorsPath}${sep}${base.PYTHONPATH}` : decoratorsPath;
  if (input.otlpEndpoint) addOtlpEnv(env, input.otlpEndpoint, workflowId);
  if (input.registryTable) env.AGENTIFY_REGISTRY_TABLE = input.registryTable;
  return env;
}

/**
 * Points an OpenTelemetry-instrumented workflow (Strands, OpenAI Agents, …) at the receiver, opts it
 * into the latest GenAI conventions, and tags its resource with the run's id so its spans join this
 * run rather than starting one per trace.
 */
function addOtlpEnv(env: NodeJS.ProcessEnv, endpoint: string, workflowId: string): void {
  const base = endpoint.replace(/\/+$/, '');
  env.OTEL_EXPORTER_OTLP_ENDPOINT = base;
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${base}/v1/traces`;
  env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'http/protobuf';
  env.OTEL_SEMCONV_STABILITY_OPT_IN = appendListItem(env.OTEL_SEMCONV_STABILITY_OPT_IN, 'gen_ai_latest_experimental');
  env.OTEL_RESOURCE_ATTRIBUTES = appendListItem(
    removeListKey(env.OTEL_RESOURCE_ATTRIBUTES, 'agentify.workflow_id'),
    `agentify.workflow_id=${encodeURIComponent(workflowId)}`,
  );
}

/** Adds an item to a comma-separated OTEL_* list unless it is there. */
function appendListItem(list: string | undefined, item: string): string {
  const items = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.includes(item) ? items.join(',') : [...items, item].join(',');
}

function removeListKey(list: string | undefined, key: string): string | undefined {
  return list
    ?.split(',')
    .filter((kv) => kv.split('=')[0].trim() !== key)
    .join(',');
}
