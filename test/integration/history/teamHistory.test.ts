/**
 * TeamHistory on DynamoDB Local: the team's runs and failures page by page from the hardened
 * table's indexes, and the fallback to the workspace's own runs, with its note, on the default
 * table that has no index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARDENED_PARAMETERS } from '../../../src/eventsTable/tableDefinition';
import { NO_FAILURES_INDEX_NOTE, NO_RUNS_INDEX_NOTE, TeamHistory } from '../../../src/history/teamHistory';
import type { RunSummary } from '../../../src/protocol/demoViewer';
import { createLocalTable, LocalTable } from '../../support/localTable';
import { runEvents, writeEvents } from '../../support/indexedWriter';

const T0 = 1_795_516_399_100;
let hardened: LocalTable;
let plain: LocalTable;
const local: RunSummary[] = [
  { workflowId: 'wf-local', prompt: 'a local run', startedAt: T0, endedAt: T0 + 5, status: 'completed', eventCount: 4 },
];

beforeAll(async () => {
  [hardened, plain] = await Promise.all([
    createLocalTable('agentify-team', HARDENED_PARAMETERS),
    createLocalTable('agentify-team-plain'),
  ]);
  const events = [1, 2, 3, 4, 5].flatMap((n) => runEvents(`wf-t${n}`, T0 + n * 1000, n % 2 ? 'completed' : 'failed'));
  await writeEvents(await hardened.factory.documentClient(), hardened.tableName, events, 'shop');
});

afterAll(() => {
  hardened?.factory.dispose();
  plain?.factory.dispose();
});

const teamOf = (table: LocalTable, owner = 'shop') =>
  new TeamHistory({
    clients: table.factory,
    tableName: () => table.tableName,
    owner: () => owner,
    localRuns: () => local,
    pageSize: 2,
  });

describe('TeamHistory', () => {
  it('pages the team’s runs from the runs index, newest first, Load more appending', async () => {
    const team = teamOf(hardened);
    const first = await team.runs(false);
    expect(first).toMatchObject({ source: 'table', owner: 'shop', hasMore: true, append: false });
    expect(first.items.map((r) => [r.workflowId, r.status, r.prompt])).toEqual([
      ['wf-t5', 'completed', 'prompt of wf-t5'],
      ['wf-t4', 'failed', 'prompt of wf-t4'],
    ]);
    const seen = first.items.map((r) => r.workflowId);
    for (let more = first.hasMore, i = 0; more && i < 10; i++) {
      const next = await team.runs(true);
      expect(next.append).toBe(true);
      seen.push(...next.items.map((r) => r.workflowId));
      more = next.hasMore;
    }
    expect(seen).toEqual(['wf-t5', 'wf-t4', 'wf-t3', 'wf-t2', 'wf-t1']);
    // Asking for the first page again starts over.
    expect((await team.runs(false)).items[0].workflowId).toBe('wf-t5');
  });

  it('pages the team’s failures from the failures index', async () => {
    const first = await teamOf(hardened).failures(false);
    expect(first.source).toBe('table');
    expect(first.items.map((f) => [f.workflowId, f.kind])).toEqual([
      ['wf-t4', 'workflow_error'],
      ['wf-t4', 'tool_call'],
    ]);
    expect(first.hasMore).toBe(true);
  });

  it('lists nothing for an owner without runs', async () => {
    const page = await teamOf(hardened, 'elsewhere').runs(false);
    expect(page).toMatchObject({ source: 'table', items: [], hasMore: false });
  });

  it('falls back to the workspace’s runs with a note when the table has no runs index', async () => {
    const team = teamOf(plain);
    const runs = await team.runs(false);
    expect(runs).toMatchObject({ source: 'local', note: NO_RUNS_INDEX_NOTE, hasMore: false });
    expect(runs.items.map((r) => r.workflowId)).toEqual(['wf-local']);
    expect(await team.failures(false)).toMatchObject({ source: 'local', items: [], note: NO_FAILURES_INDEX_NOTE });
  });

  it('falls back with the reason and the next step when the table cannot be read', async () => {
    const team = new TeamHistory({
      clients: plain.factory,
      tableName: () => 'agentify-absent-table',
      owner: () => 'shop',
      localRuns: () => local,
    });
    const runs = await team.runs(false);
    expect(runs).toMatchObject({ source: 'local', hasMore: false });
    expect(runs.items.map((r) => r.workflowId)).toEqual(['wf-local']);
    expect(runs.note).toMatch(/^The team list could not be read: .*"agentify-absent-table" does not exist/);
    expect((await team.failures(false)).note).toMatch(/"agentify-absent-table" does not exist/);
  });
});
