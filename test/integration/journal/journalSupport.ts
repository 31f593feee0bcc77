/**
 * Shared by the journal's integration tests: a fresh journal table on the run's DynamoDB Local,
 * created from the template's key schema through the production code path, and a client factory
 * pointed at it.
 */
import { inject } from 'vitest';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { ensureJournalTable } from '../../../src/journal/journalTable';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/localDb/localDynamoDb';
import { REPO_ROOT, localSettings, uniqueTableName } from '../../support/localTable';

export interface JournalTable {
  endpoint: string;
  tableName: string;
  factory: AwsClientFactory;
}

export async function createJournalTable(): Promise<JournalTable> {
  const endpoint = inject('dynamoEndpoint');
  const factory = new AwsClientFactory(() => localSettings(endpoint));
  const tableName = uniqueTableName('agentify-journal-test');
  await ensureJournalTable(await dynamoDbClient(factory), tableName, REPO_ROOT);
  return { endpoint, tableName, factory };
}

export const PYTHON = process.env.PYTHON ?? 'python3';
export { REPO_ROOT, LOCAL_CREDENTIALS, LOCAL_REGION };

export function newSessionId(): string {
  return `session-${crypto.randomUUID()}`;
}

export function expiresAt(): number {
  return Math.floor(Date.now() / 1000) + 86_400;
}
