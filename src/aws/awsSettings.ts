/**
 * Maps Agentify's configuration onto AWS client settings. Endpoint "local" means the embedded
 * DynamoDB Local, started on first use; its credentials are the local server's dummy ones.
 */
import type { AgentifyConfig } from '../config/agentifyConfig';
import { LOCAL_CREDENTIALS } from '../localDb/localDynamoDb';
import type { AwsClientSettings } from './clientFactory';
import type { AwsErrorContext } from './awsErrors';

export interface LocalEndpointProvider {
  ensureStarted(tableName: string): Promise<string>;
}

export async function awsSettingsFor(config: AgentifyConfig, local: LocalEndpointProvider): Promise<AwsClientSettings> {
  const { tableName, region, endpoint } = config.infrastructure.dynamodb;
  if (endpoint === 'local') {
    return { region, endpoint: await local.ensureStarted(tableName), staticCredentials: LOCAL_CREDENTIALS };
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
