import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, AwsClientSettings, dynamoDbClient } from '../../../src/aws/clientFactory';
import { resolveConfig, AgentifyConfig } from '../../../src/config/agentifyConfig';
import { loadTableDefinition } from '../../../src/eventsTable/tableDefinition';
import { TableStatus, TableValidator } from '../../../src/eventsTable/tableValidator';
import { findFreePort } from '../../../src/localDb/localDynamoDb';
import { LocalTable, REPO_ROOT, createLocalTable, localSettings, uniqueTableName } from '../../support/localTable';

function configFor(tableName: string, region = 'us-east-1'): AgentifyConfig {
  return resolveConfig({ 'dynamodb.tableName': tableName, 'aws.region': region }, undefined).config;
}

function validatorFor(config: AgentifyConfig, settings: AwsClientSettings) {
  const factory = new AwsClientFactory(() => settings);
  const validator = new TableValidator(
    factory,
    () => config,
    async () => settings,
    () => loadTableDefinition(REPO_ROOT),
  );
  const seen: TableStatus['state'][] = [];
  validator.onDidChangeStatus((s) => seen.push(s.state));
  return { validator, factory, seen };
}

describe('TableValidator against the local DynamoDB server', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable();
  });
  afterAll(() => table.factory.dispose());

  it('reports ok for a table made from the template', async () => {
    const { validator, factory, seen } = validatorFor(configFor(table.tableName), localSettings(table.endpoint));
    const status = await validator.validate();
    expect(status.state).toBe('ok');
    expect(status.message).toContain(`"${table.tableName}"`);
    expect(seen).toEqual(['checking', 'ok']);
    expect(status.features).toMatchObject({
      indexes: [],
      ttl: { attribute: 'ttl', status: 'ENABLED' },
      deletionProtection: false,
    });
    factory.dispose();
  });

  it('reports a missing table with the deploy hint for the local endpoint', async () => {
    const name = uniqueTableName('absent');
    const { validator, factory } = validatorFor(configFor(name), localSettings(table.endpoint));
    const status = await validator.validate();
    expect(status.state).toBe('missing');
    expect(status.message).toContain(`"${name}" does not exist`);
    expect(status.message).toContain('Start Local DynamoDB');
    factory.dispose();
  });

  it('reports a table with the wrong key schema', async () => {
    const name = uniqueTableName('wrong-keys');
    await (
      await dynamoDbClient(table.factory)
    ).send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const { validator, factory } = validatorFor(configFor(name), localSettings(table.endpoint));
    const status = await validator.validate();
    expect(status.state).toBe('schemaMismatch');
    expect(status.message).toContain('needs workflow_id (S) + timestamp (N)');
    factory.dispose();
  });

  it('reports an unreachable endpoint with what to do', async () => {
    const deadPort = await findFreePort();
    const { validator, factory } = validatorFor(configFor(table.tableName), {
      ...localSettings(`http://127.0.0.1:${deadPort}`),
      maxAttempts: 1,
    });
    const status = await validator.validate();
    expect(status.state).toBe('unreachable');
    expect(status.message).toContain(`Cannot reach DynamoDB at http://127.0.0.1:${deadPort}`);
    factory.dispose();
  });

  it('keeps only the newest result when checks overlap', async () => {
    let config = configFor(uniqueTableName('absent'));
    const settings = localSettings(table.endpoint);
    const factory = new AwsClientFactory(() => settings);
    const validator = new TableValidator(
      factory,
      () => config,
      async () => settings,
      () => loadTableDefinition(REPO_ROOT),
    );
    const first = validator.validate();
    config = configFor(table.tableName);
    const second = validator.validate();
    await Promise.all([first, second]);
    expect(validator.status?.state).toBe('ok');
    factory.dispose();
  });
});
