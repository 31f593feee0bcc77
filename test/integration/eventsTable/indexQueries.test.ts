/**
 * The hardened table's sparse indexes on DynamoDB Local: a team's runs by recency across several
 * workflows with their outcomes, failures by recency, pagination that sees every item once, and
 * items without the index keys (or of another owner) never listed. Items come from the test writer
 * (test/support/indexedWriter.ts), which writes the index keys as the Python sink does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HARDENED_PARAMETERS } from '../../../src/eventsTable/tableDefinition';
import { IndexCursor, IndexedRun, listFailures, listRuns } from '../../../src/eventsTable/indexQueries';
import { createLocalTable, LocalTable } from '../../support/localTable';
import { runEvents, TestEvent, writeEvents } from '../../support/indexedWriter';

const T0 = 1_795_516_399_100;
let table: LocalTable;

/** Seven runs of team-a a minute apart (newest last), one of team-b, one written without index keys. */
const TEAM_A: { id: string; outcome: 'completed' | 'failed' | 'running' }[] = [
  { id: 'wf-a1', outcome: 'completed' },
  { id: 'wf-a2', outcome: 'failed' },
  { id: 'wf-a3', outcome: 'completed' },
  { id: 'wf-a4', outcome: 'failed' },
  { id: 'wf-a5', outcome: 'completed' },
  { id: 'wf-a6', outcome: 'running' },
  { id: 'wf-a7', outcome: 'failed' },
];

beforeAll(async () => {
  table = await createLocalTable('agentify-indexes', HARDENED_PARAMETERS);
  const doc = await table.factory.documentClient();
  const teamA: TestEvent[] = TEAM_A.flatMap((r, i) => runEvents(r.id, T0 + i * 60_000, r.outcome));
  await writeEvents(doc, table.tableName, teamA, 'team-a');
  await writeEvents(doc, table.tableName, runEvents('wf-b1', T0 + 30_000, 'failed'), 'team-b');
  await writeEvents(doc, table.tableName, runEvents('wf-plain', T0 + 90_000, 'failed'), undefined);
});

afterAll(() => table?.factory.dispose());

async function allPages<T>(
  read: (cursor?: IndexCursor) => Promise<{ items: T[]; cursor?: IndexCursor }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: IndexCursor | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < 50);
  return { items, pages };
}

describe('runs by recency (EventTypeIndex)', () => {
  it('lists the owner’s runs newest first, each with its prompt and outcome', async () => {
    const doc = await table.factory.documentClient();
    const page = await listRuns(doc, table.tableName, { owner: 'team-a', limit: 3 });
    expect(page.items.map((r) => r.workflowId)).toEqual(['wf-a7', 'wf-a6', 'wf-a5']);
    expect(page.items.map((r) => r.status)).toEqual(['failed', 'running', 'completed']);
    expect(page.items[0]).toEqual<IndexedRun>({
      workflowId: 'wf-a7',
      startedAt: T0 + 6 * 60_000,
      workflowName: 'research-team',
      prompt: 'prompt of wf-a7',
      status: 'failed',
      endedAt: T0 + 6 * 60_000 + 3,
    });
    expect(page.items[1].endedAt).toBeUndefined();
    expect(page.cursor).toBeDefined();
  });

  it('pages through every run exactly once, in order', async () => {
    const doc = await table.factory.documentClient();
    const { items, pages } = await allPages((cursor) =>
      listRuns(doc, table.tableName, { owner: 'team-a', limit: 2, cursor }),
    );
    const ids = items.map((r) => r.workflowId);
    expect(ids).toEqual(['wf-a7', 'wf-a6', 'wf-a5', 'wf-a4', 'wf-a3', 'wf-a2', 'wf-a1']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('lists only the owner’s runs: another team’s and items without index keys never appear', async () => {
    const doc = await table.factory.documentClient();
    const b = await listRuns(doc, table.tableName, { owner: 'team-b' });
    expect(b.items.map((r) => r.workflowId)).toEqual(['wf-b1']);
    const all = await allPages((cursor) => listRuns(doc, table.tableName, { owner: 'team-a', cursor }));
    expect(all.items.map((r) => r.workflowId)).not.toContain('wf-plain');
    expect((await listRuns(doc, table.tableName, { owner: 'nobody' })).items).toEqual([]);
  });

  it('holds only the indexed event types: no agent_start or tool_call is in the runs index', async () => {
    const doc = await table.factory.documentClient();
    const out = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'EventTypeIndex',
        KeyConditionExpression: 'index_owner = :o',
        ExpressionAttributeValues: { ':o': 'team-a' },
      }),
    );
    const types = new Set((out.Items ?? []).map((i) => i.event_type));
    expect([...types].sort()).toEqual(['workflow_complete', 'workflow_error', 'workflow_start']);
    expect(out.Items).toHaveLength(7 + 6);
  });
});

describe('failures by recency (StatusIndex)', () => {
  it('lists failed runs and failed tool calls newest first, with what failed', async () => {
    const doc = await table.factory.documentClient();
    const page = await listFailures(doc, table.tableName, { owner: 'team-a', limit: 4 });
    expect(page.items.map((f) => [f.workflowId, f.kind])).toEqual([
      ['wf-a7', 'workflow_error'],
      ['wf-a7', 'tool_call'],
      ['wf-a4', 'workflow_error'],
      ['wf-a4', 'tool_call'],
    ]);
    expect(page.items[1]).toMatchObject({
      toolName: 'read_source',
      agentName: 'planner',
      errorType: 'SourceUnavailableError',
      message: 'wf-a7: source did not answer',
      timestamp: T0 + 6 * 60_000 + 2.5,
    });
  });

  it('pages through every failure once, and none of another owner or without index keys', async () => {
    const doc = await table.factory.documentClient();
    const { items } = await allPages((cursor) =>
      listFailures(doc, table.tableName, { owner: 'team-a', limit: 2, cursor }),
    );
    const keys = items.map((f) => `${f.workflowId}:${f.timestamp}`);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    expect(items.map((f) => f.timestamp)).toEqual([...items.map((f) => f.timestamp)].sort((a, b) => b - a));
    expect(items.some((f) => f.workflowId === 'wf-plain' || f.workflowId === 'wf-b1')).toBe(false);
  });
});
