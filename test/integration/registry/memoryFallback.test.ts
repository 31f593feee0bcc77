/**
 * The registry without its table: memory-only with one message that says how to make the table,
 * then the table appears and the registry uses it without a restart, taking along the agents
 * registered meanwhile. A loopback server's missing table can be created by the registry itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { AgentRegistry } from '../../../src/registry/agentRegistry';
import { ensureRegistryTable } from '../../../src/registry/registryTable';
import { RegistryFixture, ids, profile, registryFixture, registryTable } from './registryHarness';
import { dynamoDbClient } from '../../../src/aws/clientFactory';

let fx: RegistryFixture;

beforeAll(async () => {
  fx = await registryFixture({ createTable: false });
});
afterAll(() => fx?.dispose());

describe('AgentRegistry when the table is missing', () => {
  it('runs memory-only, says so once with the create command, and uses the table once it exists', async () => {
    let now = 5_000_000;
    const registry = fx.registry({ now: () => now, recheckMs: 10_000 });
    await registry.register(profile('early', ['boot']), 'ivan');
    await registry.register(profile('early-2', ['boot']), 'ivan');
    expect(registry.mode).toBe('memory');
    expect(ids(await registry.discover('boot'))).toEqual(['early', 'early-2']);
    expect(fx.messages).toHaveLength(1);
    expect(fx.messages[0]).toContain(`The agent registry table "${fx.tableName}" does not exist`);
    expect(fx.messages[0]).toContain('memory only');
    expect(fx.messages[0]).toContain(`aws dynamodb create-table --table-name ${fx.tableName}`);
    expect(registry.status()).toMatchObject({ mode: 'memory', reason: fx.messages[0] });

    await ensureRegistryTable(await dynamoDbClient(fx.factory), fx.tableName, registryTable);
    // Before the recheck interval the registry stays in memory (no probe per call)…
    await registry.get('early');
    expect(registry.mode).toBe('memory');
    // …after it, the next call finds the table and moves the early agents into it.
    now += 10_001;
    expect(ids(await registry.discover('boot'))).toEqual(['early', 'early-2']);
    expect(registry.mode).toBe('table');
    expect(fx.messages).toHaveLength(2);
    expect(fx.messages[1]).toContain(`now uses the table "${fx.tableName}"`);
    expect(fx.messages[1]).toContain('2 agent(s)');

    // A fresh registry (a new process) sees them in the table, owners kept.
    const fresh = fx.registry();
    expect(ids(await fresh.discover('boot'))).toEqual(['early', 'early-2']);
    expect(fresh.mode).toBe('table');
    await expect(fresh.register(profile('early', ['boot']), 'mallory')).rejects.toMatchObject({ code: 'NotOwner' });
  });

  it('creates a missing table on a local server when it is allowed to', async () => {
    const own = await registryFixture({ createTable: false });
    try {
      const registry = own.registry({
        createTable: (client, name) => ensureRegistryTable(client, name, registryTable),
      });
      await registry.register(profile('local-1', ['here']), 'judy');
      expect(registry.mode).toBe('table');
      const table = await (
        await dynamoDbClient(own.factory)
      ).send(new DescribeTableCommand({ TableName: own.tableName }));
      expect(table.Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['CapabilityIndex']);
      expect(own.messages).toEqual([]);
    } finally {
      own.dispose();
    }
  });

  it('without memory fallback (the Lambda) a missing table is an Unavailable error with the same advice', async () => {
    const registry = fx.registry({ tableName: () => 'agentify-registry-never-created', fallbackToMemory: false });
    await expect(registry.discover('x')).rejects.toMatchObject({
      code: 'Unavailable',
      status: 503,
      message: expect.stringContaining('create-table'),
    });
  });

  it('a table without CapabilityIndex is reported (discovery would need a scan) and memory is used', async () => {
    const own = await registryFixture({ createTable: false });
    try {
      const client = await dynamoDbClient(own.factory);
      const { GlobalSecondaryIndexes: _index, ...withoutIndex } = registryTable;
      const keyOnly = {
        ...withoutIndex,
        AttributeDefinitions: registryTable.AttributeDefinitions.filter((a) => a.AttributeName === 'agentId'),
      };
      await ensureRegistryTable(client, own.tableName, keyOnly as typeof registryTable);
      const registry = own.registry();
      await registry.register(profile('noindex', ['x']), 'kim');
      expect(registry.mode).toBe('memory');
      expect(own.messages[0]).toContain('has no CapabilityIndex');
    } finally {
      own.dispose();
    }
  });
});

describe('AgentRegistry when access is denied', () => {
  it('runs memory-only and says which IAM statement to add', async () => {
    // A fake: DynamoDB Local does not enforce IAM, so it cannot produce AccessDeniedException.
    const denied = Object.assign(
      new Error('User: arn:aws:sts::1:assumed-role/dev is not authorized to perform: dynamodb:Query'),
      { name: 'AccessDeniedException' },
    );
    const clients = {
      documentClient: async () => ({ send: async () => Promise.reject(denied) }) as never,
      client: async () => ({}) as never,
    };
    const messages: string[] = [];
    const registry = new AgentRegistry({
      clients,
      tableName: () => 'AgentRegistry',
      target: () => ({ region: 'eu-west-1' }),
      log: (m) => messages.push(m),
    });
    await registry.register(profile('d1', ['x']), 'me');
    await registry.register(profile('d2', ['x']), 'me');
    expect(ids(await registry.discover('x'))).toEqual(['d1', 'd2']);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('was denied');
    expect(messages[0]).toContain('"dynamodb:Query"');
    expect(messages[0]).toContain('arn:aws:dynamodb:eu-west-1:ACCOUNT_ID:table/AgentRegistry/index/CapabilityIndex');
  });
});
