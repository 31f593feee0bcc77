/**
 * Start Session as the IDE runs it offline, minus the editor: the session hub on the offline
 * backend (JournalBackends → OfflinePipeline on DynamoDB Local, the real Python invoker, the
 * stand-in runtime running the sample) with the viewer's real RunManager, the pipeline's stdout
 * read as the editor reads it. Checks the views the Demo Viewer receives, that the agent's own
 * Agentify events arrive on the live stream under the session's id and in the table, and that the
 * session's run ends when the session does — with the session's failure when it failed before
 * its agent reported anything — once, each event once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clientFactory';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { eventKey } from '../../../src/events/types';
import type { SessionView } from '../../../src/protocol/demoViewer';
import { JournalBackends, JournalSettings } from '../../../src/journal/journalBackends';
import { JournalReader } from '../../../src/journal/journalReader';
import { LocalStateMachine } from '../../../src/journal/localStateMachine';
import { OfflinePipeline, OfflinePipelineOptions, sampleAgent } from '../../../src/journal/offlinePipeline';
import { pipelineLines } from '../../../src/journal/pipelineLines';
import type { StdoutEventParser } from '../../../src/run/stdoutEventParser';
import { SessionBackend, SessionHub, localEnd } from '../../../src/journal/sessionHub';
import { createLocalTable, LocalTable, uniqueTableName } from '../../support/localTable';
import { LOCAL_CREDENTIALS, LOCAL_REGION, PYTHON, REPO_ROOT } from './journalSupport';
import { RecordedRuns, doubled, isTerminal, recordedRuns } from './sessionRunsSupport';

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
let recorded: RecordedRuns;
const lines: string[] = [];
const pipelines: OfflinePipeline[] = [];
let parser: StdoutEventParser;
/** A pipeline process's stdout line, kept for the test and read as the editor reads it. */
const readLine = (line: string) => {
  lines.push(line);
  parser.acceptLine(line);
};

beforeAll(async () => {
  // The sample's pauses only make a live demo readable.
  process.env.RESEARCH_TEAM_DELAY_SCALE = '0';
  events = await createLocalTable();
  recorded = recordedRuns();
  parser = pipelineLines(recorded.runs, () => undefined);
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
    onLine: readLine,
  });
});

afterAll(async () => {
  await Promise.all(pipelines.map((p) => p.stop()));
  backends?.dispose();
  parser?.dispose();
  recorded?.runs.dispose();
  events?.factory.dispose();
});

function hub(backend: () => Promise<SessionBackend> = () => backends.current()): {
  hub: SessionHub;
  views: SessionView[];
} {
  const views: SessionView[] = [];
  const h = new SessionHub({ backend, runs: recorded.runs, intervalMs: 200 });
  h.onDidChange((v) => views.push(v));
  return { hub: h, views };
}

/**
 * An offline backend as JournalBackends builds one, on a pipeline with the given options (a
 * runtime not there, a slow agent).
 */
async function offlineBackend(extra: Partial<OfflinePipelineOptions>): Promise<SessionBackend> {
  const journalTable = uniqueTableName('agentify-journal-test');
  const pipeline = await OfflinePipeline.start({
    root: REPO_ROOT,
    python: PYTHON,
    clients: events.factory,
    endpoint: events.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    journalTable,
    eventsTable: events.tableName,
    waitSeconds: 1,
    waitOverrideMs: 50,
    onLine: readLine,
    ...extra,
  });
  pipelines.push(pipeline);
  return {
    mode: 'offline',
    reader: new JournalReader({ clients: events.factory, tableName: () => journalTable, region: () => LOCAL_REGION }),
    start: async (input) => ({ end: localEnd(await pipeline.startSession(input)) }),
    loadEvents: async () => [],
  };
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
        (
          JSON.parse(l) as {
            event: { workflow_id: string; timestamp: number; event_type: string; payload: Record<string, unknown> };
          }
        ).event,
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

    // The session's run: every event the pipeline printed, once, ended once by the agent's own ending.
    const printed = new Set(
      agentifyEvents()
        .filter((e) => e.workflow_id === sessionId)
        .map(eventKey),
    );
    const delivered = recorded.delivered(sessionId);
    const counts = {
      printed: printed.size,
      delivered: delivered.length,
      missing: [...printed].filter((k) => !delivered.some((e) => eventKey(e) === k)),
      doubled: doubled(delivered),
    };
    expect(counts, JSON.stringify(counts)).toEqual({
      printed: printed.size,
      delivered: printed.size,
      missing: [],
      doubled: [],
    });
    expect(delivered.filter(isTerminal).map((e) => [e.event_type, typeof e.payload.result])).toEqual([
      ['workflow_complete', 'string'],
    ]);
    expect(recorded.ends(sessionId).map((e) => e.outcome)).toEqual(['completed']);
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
    // The first run ended once, failed, by the agent's own workflow_error.
    expect(recorded.ends(sessionId).map((e) => e.outcome)).toEqual(['failed']);
    const reopenedDone = await reopened.open(sessionId);
    // Open Session shows the agent's stored events as a run beside the stages.
    const stored = recorded.delivered(sessionId).map((e) => e.event_type);
    expect(stored).toEqual(expect.arrayContaining(['workflow_start', 'tool_call', 'workflow_error']));
    const view = await reopenedDone;
    expect(view?.stages.map((s) => s.state)).toEqual(['failed', 'succeeded', 'succeeded', 'failed']);
    expect(views.at(-1)?.error).toBe(task?.error);
    await new Promise((r) => setImmediate(r));
    expect(recorded.delivered(sessionId).filter(isTerminal)).toHaveLength(1);
    expect(recorded.ends(sessionId).map((e) => e.outcome)).toEqual(['failed', 'failed']);
    h.dispose();
    reopened.dispose();
  });
});

describe('a session that fails before its agent reports anything (offline)', () => {
  /** Starts a session, waits for its end, and returns its run's delivered events and ends as soon as it ended. */
  async function failedSession(backend: SessionBackend) {
    const { hub: h } = hub(async () => backend);
    const { sessionId, done } = await h.start('hello');
    const last = await done;
    // As soon as the outcome is known (not after a quiet spell, as an observed run would).
    await recorded.ended(sessionId);
    const result = { last, delivered: [...recorded.delivered(sessionId)], ends: recorded.ends(sessionId) };
    h.dispose();
    return result;
  }

  it('ends the run with the invocation’s failure message when the agent runtime is not there', async () => {
    const backend = await offlineBackend({
      invokeArn: 'arn:aws:bedrock-agentcore:us-east-1:000000000000:runtime/not_deployed-0000000000',
    });
    const { last, delivered, ends } = await failedSession(backend);
    expect(last?.outcome).toBe('failed');
    expect(last?.error).toContain('ResourceNotFoundException');
    expect(ends.map((e) => e.outcome)).toEqual(['failed']);
    // The invoker's journal logs, then the session's ending: no workflow event of the agent's, no idle ending.
    expect(delivered.filter((e) => !isTerminal(e)).every((e) => e.event_type === 'log')).toBe(true);
    expect(delivered.filter(isTerminal).map((e) => e.payload.error)).toEqual([
      { type: 'SessionFailed', message: last?.error },
    ]);
    expect(doubled(delivered)).toEqual([]);
  });

  it('ends the run with the cause when the first journal write fails (the journal table is missing)', async () => {
    const missing = 'agentify-journal-missing-table';
    const machine = new LocalStateMachine({
      root: REPO_ROOT,
      clients: events.factory,
      journalTable: missing,
      invoker: () => Promise.reject(new Error('the invoker must not be called')),
    });
    const { last, delivered, ends } = await failedSession({
      mode: 'offline',
      reader: new JournalReader({ clients: events.factory, tableName: () => missing, region: () => LOCAL_REGION }),
      start: async (input) => ({ end: localEnd(await machine.start({ ...input }, input.session_id)) }),
      loadEvents: async () => [],
    });
    expect(last?.outcome).toBe('failed');
    expect(last?.error).toMatch(/^The first journal entry SESSION_INITIATED could not be written/);
    expect(ends.map((e) => e.outcome)).toEqual(['failed']);
    expect(delivered.map((e) => [e.event_type, e.payload.error?.message])).toEqual([['workflow_error', last?.error]]);
  });

  it('ends the run with the timeout’s cause when the monitor runs out of reads', async () => {
    // The sample with long pauses: its background task is still running when the monitor gives up.
    const slow = { ...sampleAgent(REPO_ROOT), env: { RESEARCH_TEAM_DELAY_SCALE: '1000' } };
    const backend = await offlineBackend({ agent: slow, maxAttempts: 3, waitSeconds: 7, waitOverrideMs: 20 });
    const { last, delivered, ends } = await failedSession(backend);
    await pipelines.at(-1)?.stop();
    expect(last?.outcome).toBe('failed');
    expect(last?.error).toContain('after 3 checks 7 seconds apart');
    expect(ends.map((e) => e.outcome)).toEqual(['failed']);
    expect(delivered.filter(isTerminal).map((e) => e.payload.error)).toEqual([
      { type: 'SessionFailed', message: last?.error },
    ]);
    expect(doubled(delivered)).toEqual([]);
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
