/**
 * A fresh events table on the run's local DynamoDB server, created from the CloudFormation
 * template's definition, and a client factory pointed at it through the production code path.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { AwsClientFactory, AwsClientSettings, dynamoDbClient } from '../../src/aws/clientFactory';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/localDb/localDynamoDb';
import { ensureEventsTable } from '../../src/eventsTable/createEventsTable';
import { TemplateParameters, loadTableDefinition } from '../../src/eventsTable/tableDefinition';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function localSettings(endpoint = inject('dynamoEndpoint')): AwsClientSettings {
  return { region: LOCAL_REGION, endpoint, staticCredentials: LOCAL_CREDENTIALS };
}

export function uniqueTableName(prefix = 'agentify-test'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface LocalTable {
  endpoint: string;
  tableName: string;
  factory: AwsClientFactory;
}

/** A table of the template's default variant, or of the variant the parameters pick (e.g. HARDENED_PARAMETERS). */
export async function createLocalTable(prefix?: string, parameters: TemplateParameters = {}): Promise<LocalTable> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = uniqueTableName(prefix);
  const factory = new AwsClientFactory(() => localSettings(endpoint));
  const definition = loadTableDefinition(REPO_ROOT, parameters);
  await ensureEventsTable(await dynamoDbClient(factory), tableName, definition);
  return { endpoint, tableName, factory };
}
