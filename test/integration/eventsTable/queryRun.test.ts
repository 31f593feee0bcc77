/**
 * queryRun against DynamoDB Local: every page of one run in timestamp order, the after / upTo
 * bounds on the sort key (fractional timestamps included), and nothing of other runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRun, RunRange } from '../../../src/eventsTable/queryRun';
import { createLocalTable, LocalTable } from '../../support/localTable';
import { TestEvent, writeEvents } from '../../support/indexedWriter';

let table: LocalTable;
// 1000, 1000.001, 1000.002, 1001, 1001.001, ... : ten whole milliseconds with two fractional slots each.
const STAMPS = Array.from({ length: 10 }, (_, i) => [1000 + i, 1000 + i + 0.001, 1000 + i + 0.002]).flat();

beforeAll(async () => {
  table = await createLocalTable('agentify-queryrun');
  const doc = await table.factory.documentClient();
  const event = (workflow_id: string, timestamp: number): TestEvent => ({
    workflow_id,
    timestamp,
    event_type: 'log',
    payload: { message: 'x' },
  });
  await writeEvents(doc, table.tableName, [...STAMPS.map((t) => event('wf-q', t)), event('wf-other', 1003)], undefined);
});

afterAll(() => table?.factory.dispose());

async function read(range: RunRange = {}): Promise<{ stamps: number[]; pages: number }> {
  const doc = await table.factory.documentClient();
  const stamps: number[] = [];
  let pages = 0;
  for await (const page of queryRun(doc, table.tableName, 'wf-q', range)) {
    pages++;
    stamps.push(...page.map((i) => i.timestamp as number));
  }
  return { stamps, pages };
}

describe('queryRun', () => {
  it('reads every page of the run in timestamp order, nothing of other runs', async () => {
    const { stamps, pages } = await read({ pageSize: 4 });
    expect(stamps).toEqual(STAMPS);
    expect(pages).toBeGreaterThanOrEqual(8);
  });

  it('keeps items strictly above `after`, fractions included', async () => {
    expect((await read({ after: 1008.001 })).stamps).toEqual([1008.002, 1009, 1009.001, 1009.002]);
  });

  it('keeps items up to and including `upTo`', async () => {
    expect((await read({ upTo: 1001 })).stamps).toEqual([1000, 1000.001, 1000.002, 1001]);
  });

  it('reads the window after < timestamp ≤ upTo across pages', async () => {
    const { stamps } = await read({ after: 1002, upTo: 1004.001, pageSize: 2 });
    expect(stamps).toEqual([1002.001, 1002.002, 1003, 1003.001, 1003.002, 1004, 1004.001]);
  });

  it('keeps `from` itself with the inclusive lower bound', async () => {
    expect((await read({ from: 1003.002, upTo: 1004 })).stamps).toEqual([1003.002, 1004]);
    expect((await read({ from: 1009.001 })).stamps).toEqual([1009.001, 1009.002]);
  });

  it('yields nothing for an empty window', async () => {
    expect((await read({ after: 1005, upTo: 1005 })).pages).toBe(0);
  });

  it('stops reading when the caller stops', async () => {
    const doc = await table.factory.documentClient();
    let pages = 0;
    for await (const page of queryRun(doc, table.tableName, 'wf-q', { pageSize: 3 })) {
      pages++;
      expect(page).toHaveLength(3);
      if (pages === 2) break;
    }
    expect(pages).toBe(2);
  });
});
