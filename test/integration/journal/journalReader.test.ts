/**
 * Reading a session's journal from DynamoDB Local with the documented Query: every entry of the
 * session in SK order (suffixed SKs included), nothing of another session, items outside the
 * contract skipped, and a missing table explained with how to get one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { isAgentifyError } from '../../../src/common/errors';
import { JournalReader } from '../../../src/journal/journalReader';
import { JournalTable, LOCAL_REGION, createJournalTable, newSessionId } from './journalSupport';
import { dynamoDbClient } from '../../../src/aws/clientFactory';

let table: JournalTable;

beforeAll(async () => {
  table = await createJournalTable();
});

afterAll(() => table?.factory.dispose());

async function put(sessionId: string, sk: string, status: string, extra: Record<string, { S: string }> = {}) {
  const client = await dynamoDbClient(table.factory);
  await client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: {
        PK: { S: `SESSION#${sessionId}` },
        SK: { S: sk },
        Status: { S: status },
        Timestamp: { S: sk.slice(6, 30) },
        ...extra,
      },
    }),
  );
}

describe('JournalReader', () => {
  it('returns the session entries in SK order, suffixes after their millisecond, and nothing else', async () => {
    const mine = newSessionId();
    const other = newSessionId();
    await put(mine, 'EVENT#2026-01-05T09:30:00.100Z#0001', 'AGENT_BACKGROUND_TASK_STARTED');
    await put(mine, 'EVENT#2026-01-05T09:30:00.101Z', 'AGENT_BACKGROUND_TASK_FAILED', {
      ErrorMessage: { S: 'ValueError: x' },
    });
    await put(mine, 'EVENT#2026-01-05T09:30:00.000Z', 'SESSION_INITIATED');
    await put(mine, 'EVENT#2026-01-05T09:30:00.100Z', 'AGENT_ENTRYPOINT_STARTED');
    await put(mine, 'NOTE#2026', 'SESSION_INITIATED'); // not an event: outside begins_with(SK, "EVENT#")
    await put(mine, 'EVENT#2026-01-05T09:30:00.200Z', 'SOMETHING_ELSE'); // another tool's status
    await put(other, 'EVENT#2026-01-05T09:30:00.050Z', 'SESSION_INITIATED');
    const reader = new JournalReader({
      clients: table.factory,
      tableName: () => table.tableName,
      region: () => LOCAL_REGION,
    });
    const items = await reader.read(mine);
    expect(items.map((i) => [i.SK.slice(6), i.Status])).toEqual([
      ['2026-01-05T09:30:00.000Z', 'SESSION_INITIATED'],
      ['2026-01-05T09:30:00.100Z', 'AGENT_ENTRYPOINT_STARTED'],
      ['2026-01-05T09:30:00.100Z#0001', 'AGENT_BACKGROUND_TASK_STARTED'],
      ['2026-01-05T09:30:00.101Z', 'AGENT_BACKGROUND_TASK_FAILED'],
    ]);
    expect(items[3].ErrorMessage).toBe('ValueError: x');
  });

  it('explains a missing journal table and how to deploy one', async () => {
    const reader = new JournalReader({
      clients: table.factory,
      tableName: () => 'agentify-journal-nowhere',
      region: () => 'eu-west-1',
    });
    const err = await reader.read(newSessionId()).catch((e: unknown) => e);
    expect(isAgentifyError(err) && err.code).toBe('TableNotFound');
    expect((err as Error).message).toContain(
      'The session journal table "agentify-journal-nowhere" does not exist in eu-west-1',
    );
    expect((err as Error).message).toContain('infrastructure/session-journal.yaml');
  });
});
