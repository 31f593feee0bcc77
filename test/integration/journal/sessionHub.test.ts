/**
 * Start Session as the IDE runs it offline, minus the editor: the session hub on the offline
 * backend (JournalBackends → OfflinePipeline on DynamoDB Local, the real Python invoker, the
 * stand-in runtime running the sample). Checks the views the Demo Viewer receives, and that the
 * agent's own Agentify events arrive on the live stream under the session's id and in the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clientFactory';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionView } from '../../../src/protocol/demoViewer';
import { JournalBackends, JournalSettings } from '../../../src/journal/journalBackends';
import { SessionHub } from '../../../src/journal/sessionHub';
import { createLocalTable, LocalTable, uniqueTableName } from '../../support/localTable';
import { LOCAL_REGION, PYTHON, REPO_ROOT } from './journalSupport';

/** The configured clients (DynamoDB Local); any client on AWS (Step Functions) fails the test. */
function withoutAws(clients: AwsClients, why: string): AwsClients {
  return {
    documentClient: () => clients.documentClient(),
    client: (clientClass, target) =>
      target === 'aws' ? Promise.reject(new Error(why)) : clients.client(clientClass, target),
  };
}

let events: LocalTable;
let backends: JournalBackends;
let settings: JournalSettings;
const lines: string[] = [];
const shown: { sessionId: string; types: string[] }[] = [];

beforeAll(async () => {
  // The sample's pauses only make a live demo readable.
  process.env.RESEARCH_TEAM_DELAY_SCALE = '0';
  events = await createLocalTable();
  settings = {
    journalTable: uniqueTableName('agentify-journal-test'),
    stateMachineArn: '',
    offlineAgent: '',
    dynamoDbEndpoint: events.endpoint,
    region: LOCAL_REGION,
    eventsTable: events.tableName,
  };
  backends = new JournalBackends({
    settings: () => settings,
    root: REPO_ROOT,
    workspaceFolder: () => undefined,
    clients: withoutAws(events.factory, 'an offline session must not call Step Functions'),
    ensureLocalDb: () => Promise.reject(new Error('the endpoint is configured: the embedded server must not start')),
    python: () => PYTHON,
    onLine: (line) => lines.push(line),
  });
});

afterAll(() => {
  backends?.dispose();
  events?.factory.dispose();
});

function hub(): { hub: SessionHub; views: SessionView[] } {
  const views: SessionView[] = [];
  const h = new SessionHub({
    backend: () => backends.current(),
    showEvents: (sessionId, events) => shown.push({ sessionId, types: events.map((e) => e.event_type) }),
    intervalMs: 200,
  });
  h.onDidChange((v) => views.push(v));
  return { hub: h, views };
}

/** The event types stored for a session, once `wanted` is among them (bounded wait for the writers' flush). */
async function storedTypes(sessionId: string, wanted: string): Promise<string[]> {
  const doc = await events.factory.documentClient();
  let stored: string[] = [];
  for (let i = 0; i < 100 && !stored.includes(wanted); i++) {
    const page = await doc.send(
      new QueryCommand({
        TableName: events.tableName,
        KeyConditionExpression: 'workflow_id = :w',
        ExpressionAttributeValues: { ':w': sessionId },
        ConsistentRead: true,
      }),
    );
    stored = (page.Items ?? []).map((item) => item.event_type as string);
    if (!stored.includes(wanted)) await new Promise((r) => setTimeout(r, 100));
  }
  return stored;
}

const agentifyEvents = () =>
  lines
    .filter((l) => l.startsWith('{"agentify":'))
    .map(
      (l) =>
        (JSON.parse(l) as { event: { workflow_id: string; event_type: string; payload: Record<string, unknown> } })
          .event,
    );

describe('Start Session offline (session hub)', () => {
  it('starts a session, shows its stages live until it succeeds, streams the agent events under its id', async () => {
    const { hub: h, views } = hub();
    const { sessionId, done } = await h.start('Compare three vector databases');
    const last = await done;
    expect(last?.outcome, JSON.stringify(last)).toBe('succeeded');
    expect(last?.mode).toBe('offline');
    expect(last?.stages.map((s) => [s.id, s.state])).toEqual([
      ['session', 'succeeded'],
      ['invocation', 'succeeded'],
      ['entrypoint', 'succeeded'],
      ['task', 'succeeded'],
    ]);
    expect(last?.stages.every((s) => typeof s.durationMs === 'number')).toBe(true);
    expect(views[0].outcome).toBe('running');
    expect(h.current).toEqual(last);

    // The agent's stdout is read as it comes: wait (bounded) for its last journal event to arrive.
    const journalLogs = () =>
      agentifyEvents()
        .filter((e) => e.workflow_id === sessionId && e.event_type === 'log')
        .map((e) => e.payload.journal_status);
    for (let i = 0; i < 100 && !journalLogs().includes('AGENT_BACKGROUND_TASK_COMPLETED'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const mine = agentifyEvents().filter((e) => e.workflow_id === sessionId);
    const types = new Set(mine.map((e) => e.event_type));
    for (const t of ['workflow_start', 'graph_structure', 'agent_start', 'tool_call', 'workflow_complete', 'log'])
      expect(types).toContain(t);
    expect(mine.filter((e) => e.event_type === 'log').map((e) => e.payload.journal_status)).toEqual(
      expect.arrayContaining([
        'AGENT_INVOCATION_STARTED',
        'AGENT_ENTRYPOINT_STARTED',
        'AGENT_BACKGROUND_TASK_STARTED',
        'AGENT_BACKGROUND_TASK_COMPLETED',
      ]),
    );

    // The same events are stored in the events table, as a local run's are.
    const stored = await storedTypes(sessionId, 'workflow_complete');
    expect(stored).toContain('workflow_start');
    expect(stored).toContain('workflow_complete');
    h.dispose();
  });

  it('shows a failed background task with its message, and Open Session shows the same session again', async () => {
    const { hub: h } = hub();
    const { sessionId, done } = await h.start('please fail');
    const last = await done;
    expect(last?.outcome).toBe('failed');
    const task = last?.stages.find((s) => s.id === 'task');
    expect(task?.state).toBe('failed');
    expect(task?.error).toMatch(/^SourceUnavailableError: /);
    expect(last?.error).toBe(task?.error);

    const { hub: reopened, views } = hub();
    // The agent process flushes its table writes as it exits, after the journal's last entry.
    await storedTypes(sessionId, 'workflow_error');
    const reopenedDone = await reopened.open(sessionId);
    // Open Session shows the agent's stored events as a run beside the stages.
    const stored = shown.find((s) => s.sessionId === sessionId);
    expect(stored?.types).toEqual(expect.arrayContaining(['workflow_start', 'tool_call', 'workflow_error']));
    const view = await reopenedDone;
    expect(view?.stages.map((s) => s.state)).toEqual(['failed', 'succeeded', 'succeeded', 'failed']);
    expect(views.at(-1)?.error).toBe(task?.error);
    h.dispose();
    reopened.dispose();
  });
});

describe('Start Session offline when DynamoDB cannot be reached', () => {
  it('says the server cannot be reached and what to start, instead of an SDK error', async () => {
    const down = new JournalBackends({
      settings: () => ({
        ...settings,
        journalTable: uniqueTableName('agentify-journal-test'),
        dynamoDbEndpoint: 'http://127.0.0.1:9',
      }),
      root: REPO_ROOT,
      workspaceFolder: () => undefined,
      clients: withoutAws(events.factory, 'Step Functions must not be called'),
      ensureLocalDb: () => Promise.reject(new Error('must not be called')),
      python: () => PYTHON,
    });
    const h = new SessionHub({ backend: () => down.current() });
    const err = await h.start('hello').catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('EndpointUnreachable');
    expect((err as Error).message).toContain('Cannot reach DynamoDB at http://127.0.0.1:9');
    h.dispose();
    down.dispose();
  });
});
