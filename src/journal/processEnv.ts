/**
 * The environment of the offline pipeline's Python processes (the Lambda invoker and the agent
 * runtime): the bundled decorators on PYTHONPATH, where the journal and the events table are, and
 * the credentials for a loopback endpoint. One place, so both processes agree.
 */
import * as path from 'node:path';

export interface PipelineEnvInput {
  base: NodeJS.ProcessEnv;
  /** `<extensionPath>/python-decorators`. */
  decoratorsPath: string;
  journalTable: string;
  /** DynamoDB endpoint URL for the journal and the events table; undefined = AWS. */
  endpoint?: string;
  region: string;
  /** Keys for a local endpoint (DynamoDB Local accepts any). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The events table the agent's own Agentify events go to; undefined = stdout only. */
  eventsTable?: string;
}

export function pipelineEnv(input: PipelineEnvInput): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...input.base };
  env.PYTHONPATH = input.base.PYTHONPATH
    ? `${input.decoratorsPath}${path.delimiter}${input.base.PYTHONPATH}`
    : input.decoratorsPath;
  env.PYTHONUNBUFFERED = '1';
  env.AGENTIFY_JOURNAL_TABLE = input.journalTable;
  env.AGENTIFY_JOURNAL_REGION = input.region;
  env.AGENTIFY_TABLE_REGION = input.region;
  if (input.endpoint) {
    env.AGENTIFY_JOURNAL_ENDPOINT = input.endpoint;
    env.AGENTIFY_DYNAMODB_ENDPOINT = input.endpoint;
  } else {
    delete env.AGENTIFY_JOURNAL_ENDPOINT;
    delete env.AGENTIFY_DYNAMODB_ENDPOINT;
  }
  if (input.credentials) {
    env.AWS_ACCESS_KEY_ID = input.credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = input.credentials.secretAccessKey;
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_PROFILE;
  }
  if (input.eventsTable) env.AGENTIFY_TABLE_NAME = input.eventsTable;
  else delete env.AGENTIFY_TABLE_NAME;
  // Events on stdout too: the host feeds them to the live stream as it does for a local run.
  delete env.AGENTIFY_STDOUT;
  return env;
}
