/**
 * Creates the events table as the CloudFormation template defines it (keys, billing mode, the
 * variant's indexes and stream, TTL, point-in-time recovery), for the embedded local server and
 * tests where CloudFormation is not available.
 */
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableDefinition } from './tableDefinition';

export interface EnsureTableOptions {
  /** Told about a feature the server could not turn on (DynamoDB Local has no PITR). */
  onNote?: (message: string) => void;
}

function createInput(tableName: string, def: TableDefinition): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [def.partitionKey, def.sortKey, ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key);
  }
  const keySchema = (hash: KeyAttribute, range: KeyAttribute) => [
    { AttributeName: hash.name, KeyType: 'HASH' as const },
    { AttributeName: range.name, KeyType: 'RANGE' as const },
  ];
  const provisioned = def.billingMode === 'PROVISIONED';
  const throughput = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };
  return {
    TableName: tableName,
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(def.partitionKey, def.sortKey),
    BillingMode: def.billingMode,
    ...(provisioned ? { ProvisionedThroughput: throughput } : {}),
    ...(def.indexes.length
      ? {
          GlobalSecondaryIndexes: def.indexes.map((i) => ({
            IndexName: i.name,
            KeySchema: keySchema(i.partitionKey, i.sortKey),
            Projection: { ProjectionType: i.projection },
            ...(provisioned ? { ProvisionedThroughput: throughput } : {}),
          })),
        }
      : {}),
    ...(def.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamViewType } } : {}),
    ...(def.deletionProtection ? { DeletionProtectionEnabled: true } : {}),
  };
}

/** Creates the table unless it exists; enables TTL and PITR. Returns true when it created the table. */
export async function ensureEventsTable(
  client: DynamoDBClient,
  tableName: string,
  def: TableDefinition,
  options: EnsureTableOptions = {},
): Promise<boolean> {
  const sdk = await import('@aws-sdk/client-dynamodb');
  const wait = () =>
    sdk.waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  try {
    await client.send(new sdk.DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (!(err instanceof sdk.ResourceNotFoundException)) throw err;
  }
  try {
    await client.send(new sdk.CreateTableCommand(createInput(tableName, def)));
  } catch (err) {
    // Another process created it between our DescribeTable and CreateTable: it exists, so we are done.
    if ((err as Error).name === 'ResourceInUseException') {
      await wait();
      return false;
    }
    throw err;
  }
  await wait();
  if (def.ttlAttribute) {
    const spec = { AttributeName: def.ttlAttribute, Enabled: true };
    await client.send(new sdk.UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: spec }));
  }
  if (def.pointInTimeRecoveryDays !== undefined) {
    const spec = { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: def.pointInTimeRecoveryDays };
    try {
      await client.send(
        new sdk.UpdateContinuousBackupsCommand({ TableName: tableName, PointInTimeRecoverySpecification: spec }),
      );
    } catch (err) {
      if ((err as Error).name !== 'UnknownOperationException') throw err;
      options.onNote?.(
        `Table ${tableName}: this server has no point-in-time recovery (DynamoDB Local); created without it.`,
      );
    }
  }
  return true;
}
