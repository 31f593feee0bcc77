/**
 * Maps Agentify's configuration onto AWS client settings. Endpoint "local" means the embedded
 * DynamoDB Local, started on first use by the provider, which also says which (dummy) credentials
 * it accepts: this layer knows nothing of how the local server is run.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import type { AgentifyConfig } from '../config/agentifyConfig';
import type { AwsClientSettings, ClientTarget } from './clientFactory';
import type { AwsErrorContext } from './awsErrors';

export interface LocalEndpointProvider {
  /** Starts the local server if needed, with `tableName` in it, and returns its endpoint. */
  ensureStarted(tableName: string): Promise<string>;
  /** The credentials the local server accepts. */
  readonly credentials: AwsCredentialIdentity;
}

export async function awsSettingsFor(
  config: AgentifyConfig,
  local: LocalEndpointProvider,
  target: ClientTarget = 'configured',
): Promise<AwsClientSettings> {
  const { tableName, region, endpoint } = config.infrastructure.dynamodb;
  if (target === 'aws') return { region, profile: config.aws.profile };
  if (endpoint === 'local') {
    return { region, endpoint: await local.ensureStarted(tableName), staticCredentials: local.credentials };
  }
  return { region, profile: config.aws.profile, endpoint: endpoint || undefined };
}

/** The words an error message needs about where Agentify was looking. */
export function errorContextFor(config: AgentifyConfig, settings?: AwsClientSettings): AwsErrorContext {
  return {
    tableName: config.infrastructure.dynamodb.tableName,
    region: config.infrastructure.dynamodb.region,
    endpoint: settings?.endpoint ?? (config.infrastructure.dynamodb.endpoint || undefined),
    profile: config.aws.profile,
  };
}
