/**
 * Creates the events table as the CloudFormation template defines it (key schema, billing mode,
 * TTL), for the embedded local server where CloudFormation is not available.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TableDefinition } from './tableDefinition';

/** Creates the table unless it exists; enables TTL. Returns true when it created the table. */
export async function ensureEventsTable(client: DynamoDBClient, tableName: string, def: TableDefinition): Promise<boolean> {
  const { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand, ResourceNotFoundException, waitUntilTableExists } = await import(
    '@aws-sdk/client-dynamodb'
  );
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: def.partitionKey.name, AttributeType: def.partitionKey.type },
          { AttributeName: def.sortKey.name, AttributeType: def.sortKey.type },
        ],
        KeySchema: [
          { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
        ],
        BillingMode: def.billingMode,
        ...(def.billingMode === 'PROVISIONED' ? { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } : {}),
      }),
    );
  } catch (err) {
    // Another process created it between our DescribeTable and CreateTable: it exists, so we are done.
    if ((err as Error).name === 'ResourceInUseException') {
      await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
      return false;
    }
    throw err;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  if (def.ttlAttribute) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } }));
  }
  return true;
}
