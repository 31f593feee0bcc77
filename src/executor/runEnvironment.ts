/**
 * The command line and environment a workflow process gets: the ids, where its events go, and the
 * bundled decorators on PYTHONPATH so `import agentify` works without pip.
 */
import * as path from 'node:path';
import type { AgentifyConfig } from '../config/agentifyConfig';

export interface RunEnvironmentInput {
  base: NodeJS.ProcessEnv;
  config: AgentifyConfig;
  workflowId: string;
  traceId: string;
  /** The DynamoDB endpoint URL the workflow writes to; undefined = AWS. */
  endpointUrl?: string;
  /** `<extensionPath>/python-decorators`. */
  decoratorsPath: string;
  platform?: NodeJS.Platform;
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
  if (endpointUrl) env.AGENTIFY_DYNAMODB_ENDPOINT = endpointUrl;
  else delete env.AGENTIFY_DYNAMODB_ENDPOINT;
  if (config.aws.profile) env.AWS_PROFILE = config.aws.profile;
  if (config.workflow.stdoutEvents) delete env.AGENTIFY_STDOUT;
  else env.AGENTIFY_STDOUT = '0';
  // Without it Python block-buffers stdout into a pipe and the viewer sees events in bursts.
  env.PYTHONUNBUFFERED = '1';
  env.PYTHONPATH = base.PYTHONPATH ? `${decoratorsPath}${sep}${base.PYTHONPATH}` : decoratorsPath;
  return env;
}
