import { describe, expect, it } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { startLocalDynamoDb } from '../../../src/localDb/localDynamoDb';
import { createLocalTable, localSettings } from '../../support/localTable';
import { loadTableDefinition } from '../../../src/eventsTable/tableDefinition';

describe('local DynamoDB server', () => {
  it('creates the events table exactly as the template defines it, with TTL on', async () => {
    const { tableName, factory } = await createLocalTable();
    const client = await dynamoDbClient(factory);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const def = loadTableDefinition('.');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
    factory.dispose();
  });

  it('starts on a given port, answers, and leaves no Java process once stopped', async () => {
    const server = await startLocalDynamoDb();
    const factory = new AwsClientFactory(() => localSettings(server.endpoint));
    const client = await dynamoDbClient(factory);
    await expect(client.send(new ListTablesCommand({}))).resolves.toBeDefined();
    factory.dispose();
    await server.stop();
    await server.stop(); // idempotent
    const probe = await fetch(server.endpoint).then(
      () => 'answered',
      () => 'refused',
    );
    expect(probe).toBe('refused');
  });
});
