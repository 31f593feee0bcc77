/**
 * A session on AWS as the IDE runs it, with DynamoDB Local as the endpoint: JournalBackends in AWS
 * mode (a state machine ARN is set and the endpoint is a URL, not "local") reads the journal and
 * the events table through the code that talks to AWS, and the session's run polls the events
 * table live with the real DynamoDbPollingService, so the agent's events show while the session
 * runs. Nothing is read from the pipeline's stdout: on AWS the IDE never sees it.
 *
 * FAKE: the Step Functions API. No Step Functions service can run an execution whose Lambda and
 * AgentCore calls reach this machine, so a fake SFN client answers StartExecution and
 * DescribeExecution. Its execution is real: the template's definition run by
 * aws-local-stepfunctions with the real Python invoker and the stand-in agent runtime (the offline
 * pipeline), on the same DynamoDB Local.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { EventEmitter } from '../../../src/common/emitter';
import { type AgentifyConfig, resolveConfig, withEventsTable } from '../../../src/config/agentifyConfig';
import { queryRun } from '../../../src/eventsTable/queryRun';
import { type AgentifyEvent, eventKey } from '../../../src/events/types';
import { JournalBackends, JournalSettings } from '../../../src/journal/journalBackends';
import type { ExecutionOutcome } from '../../../src/journal/localStateMachine';
import { OfflinePipeline, OfflinePipelineOptions } from '../../../src/journal/offlinePipeline';
import { SessionHub } from '../../../src/journal/sessionHub';
import { DynamoDbPollingService } from '../../../src/polling/dynamoDbPollingService';
import type { RunEvents } from '../../../src/run/types';
import { createLocalTable, LocalTable, uniqueTableName } from '../../support/localTable';
import { bounded } from '../run/runHarness';
import { LOCAL_CREDENTIALS, LOCAL_REGION, PYTHON, REPO_ROOT } from './journalSupport';
import { RecordedRuns, doubled, isTerminal, recordedRuns } from './sessionRunsSupport';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:agentify-sessions';
const GATED_AGENT = path.join(REPO_ROOT, 'test', 'fixtures', 'agents', 'gated_agentcore_app.py');

let events: LocalTable;
let settings: JournalSettings;
let backends: JournalBackends;
let recorded: RecordedRuns;
let pollers: DynamoDbPollingService[] = [];
let hub: SessionHub;
let dir: string;
const sfn = fakeStepFunctions();

/** FAKE Step Functions client (see the file's comment): each execution runs on `pipeline`. */
function fakeStepFunctions() {
  const outcomes = new Map<string, ExecutionOutcome | undefined>();
  const started: { stateMachineArn?: string; name?: string; input?: string }[] = [];
  const fake = {
    pipeline: undefined as OfflinePipeline | undefined,
    started,
    client: {
      send: async (command: unknown) => {
        if (command instanceof StartExecutionCommand) {
          started.push(command.input);
          const execution = await fake.pipeline!.startSession(JSON.parse(command.input.input!));
          outcomes.set(execution.executionArn, undefined);
          void execution.outcome.then((o) => outcomes.set(execution.executionArn, o));
          return { executionArn: execution.executionArn, startDate: new Date() };
        }
        if (command instanceof DescribeExecutionCommand) {
          const outcome = outcomes.get(command.input.executionArn!);
          return { executionArn: command.input.executionArn, status: outcome?.status ?? 'RUNNING', ...outcome };
        }
        throw new Error(`the fake Step Functions client does not answer ${(command as object).constructor.name}`);
      },
    } as unknown as SFNClient,
  };
  return fake;
}

beforeAll(async () => {
  events = await createLocalTable('agentify-aws-session');
  dir = mkdtempSync(path.join(tmpdir(), 'agentify-aws-session-'));
  settings = {
    journalTable: uniqueTableName('agentify-journal-test'),
    stateMachineArn: STATE_MACHINE_ARN,
    offlineAgent: '',
    dynamoDbEndpoint: events.endpoint,
    region: LOCAL_REGION,
    eventsTable: events.tableName,
  };
  backends = new JournalBackends({
    settings: () => settings,
    root: REPO_ROOT,
    workspaceFolder: () => undefined,
    clients: {
      documentClient: () => events.factory.documentClient(),
      // DynamoDB Local as configured; on AWS only the fake Step Functions client.
      client: (clientClass, target) =>
        target !== 'aws'
          ? events.factory.client(clientClass, target)
          : (clientClass as unknown) === SFNClient
            ? Promise.resolve(sfn.client as never)
            : Promise.reject(new Error(`a session on AWS uses no ${clientClass.name} here`)),
    },
    ensureLocalDb: () => Promise.reject(new Error('a session on AWS must not start the embedded server')),
    python: () => PYTHON,
    onLine: () => {
      throw new Error('a session on AWS has no pipeline stdout to read');
    },
  });
  // The events table as the editor's config names it, read by the poller the editor gives each run.
  const base = resolveConfig({}, undefined).config as AgentifyConfig;
  const config = {
    current: withEventsTable(base, { tableName: events.tableName, region: LOCAL_REGION, endpoint: events.endpoint }),
    onDidChange: new EventEmitter<AgentifyConfig>().event,
  };
  recorded = recordedRuns((workflowId, gaps) => {
    const poller = new DynamoDbPollingService(events.factory, config, { gaps });
    pollers.push(poller);
    poller.startPolling(workflowId);
    return poller;
  });
});

afterEach(async () => {
  hub?.dispose();
  await sfn.pipeline?.stop();
  sfn.pipeline = undefined;
  pollers = [];
});

afterAll(() => {
  backends?.dispose();
  recorded?.runs.dispose();
  events?.factory.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function startPipeline(extra: Partial<OfflinePipelineOptions>): Promise<void> {
  sfn.pipeline = await OfflinePipeline.start({
    root: REPO_ROOT,
    python: PYTHON,
    clients: events.factory,
    endpoint: events.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    journalTable: settings.journalTable,
    eventsTable: events.tableName,
    waitSeconds: 1,
    waitOverrideMs: 50,
    ...extra,
  });
  hub = new SessionHub({ backend: () => backends.current(), runs: recorded.runs, intervalMs: 200 });
}

/** Resolves once the run holds an event that `match` accepts (bounded: a broken test fails, it does not hang). */
function until(run: RunEvents, match: (e: AgentifyEvent) => boolean, what: string): Promise<void> {
  if (run.snapshot().some(match)) return Promise.resolve();
  return bounded(
    new Promise<void>((resolve) => {
      const sub = run.onDidReceiveEvent((e) => {
        if (!match(e)) return;
        sub.dispose();
        resolve();
      });
    }),
    what,
    60_000,
  );
}

/** The run's poller has drained and made its last read. */
function drained(poller: DynamoDbPollingService): Promise<void> {
  if (!poller.isPolling()) return Promise.resolve();
  return bounded(new Promise<void>((resolve) => poller.onDidStop(() => resolve())), 'the poller’s drain', 60_000);
}

/** Every event of the session in the events table (sort keys at or below 0 are writers' slot claims). */
async function storedKeys(sessionId: string): Promise<Set<string>> {
  const doc = await events.factory.documentClient();
  const keys = new Set<string>();
  for await (const page of queryRun(doc, events.tableName, sessionId, { after: 0 })) {
    for (const item of page)
      keys.add(eventKey({ workflow_id: String(item.workflow_id), timestamp: Number(item.timestamp) }));
  }
  return keys;
}

/** Stored vs delivered vs doubled, and the synthetic endings (delivered, never stored). */
function count(stored: Set<string>, delivered: readonly AgentifyEvent[]) {
  const keys = new Set(delivered.map(eventKey));
  return {
    stored: stored.size,
    missing: [...stored].filter((k) => !keys.has(k)),
    synthetic: delivered.filter((e) => !stored.has(eventKey(e))).map((e) => e.event_type),
    doubled: doubled(delivered),
  };
}

describe('a session on AWS (DynamoDB Local endpoint, fake Step Functions API)', () => {
  it('shows the agent’s events from the table while the session runs; ends the run once on success', async () => {
    const release = path.join(dir, 'release-success');
    await startPipeline({ agent: { app: GATED_AGENT, env: { AGENTIFY_TEST_RELEASE: release } } });
    const { sessionId, done } = await hub.start('Compare vector databases');
    expect(sfn.started).toEqual([
      { stateMachineArn: STATE_MACHINE_ARN, name: sessionId, input: expect.stringContaining(`"${sessionId}"`) },
    ]);
    const run = recorded.runs.current!;
    expect(run.info.workflowId).toBe(sessionId);
    expect(pollers.map((p) => p.getCurrentWorkflowId())).toEqual([sessionId]);

    // Live: the agent's first events are read from the table while the agent still waits to be released.
    // The sink's writer threads store batches side by side, so events can become readable out of order:
    // each is awaited on its own (a later one's arrival says nothing of an earlier one's).
    await until(run, (e) => e.event_type === 'workflow_start', 'the live workflow_start');
    await until(run, (e) => e.event_type === 'agent_start', 'the live agent_start');
    await until(run, (e) => e.event_type === 'tool_call' && e.payload.status === 'completed', 'the live tool call');
    expect(existsSync(release)).toBe(false);
    expect(hub.current?.outcome).toBe('running');
    expect(run.end).toBeUndefined();

    writeFileSync(release, '');
    expect((await done)?.outcome).toBe('succeeded');
    expect((await recorded.ended(sessionId)).outcome).toBe('completed');
    // The agent's own ending (with its result) was in the table: nothing was synthesized.
    expect(
      recorded
        .delivered(sessionId)
        .filter(isTerminal)
        .map((e) => e.payload.result),
    ).toEqual(['notes on Compare vector databases']);

    // After the drain every stored event was delivered once, with one ending.
    await drained(pollers[0]);
    const delivered = recorded.delivered(sessionId);
    const counts = count(await storedKeys(sessionId), delivered);
    expect(counts, JSON.stringify(counts)).toEqual({ stored: counts.stored, missing: [], synthetic: [], doubled: [] });
    expect(counts.stored).toBeGreaterThan(0);
    expect(delivered.filter(isTerminal)).toHaveLength(1);
    expect(recorded.ends(sessionId)).toHaveLength(1);
  });

  it('ends the run with the invocation’s failure message when the session fails before its agent reports', async () => {
    await startPipeline({
      invokeArn: 'arn:aws:bedrock-agentcore:us-east-1:000000000000:runtime/not_deployed-0000000000',
    });
    const { sessionId, done } = await hub.start('hello');
    const last = await done;
    expect(last?.outcome).toBe('failed');
    expect(last?.error).toContain('ResourceNotFoundException');
    expect((await recorded.ended(sessionId)).outcome).toBe('failed');
    expect(
      recorded
        .delivered(sessionId)
        .filter(isTerminal)
        .map((e) => e.payload.error),
    ).toEqual([{ type: 'SessionFailed', message: last?.error }]);

    // The invoker's journal logs are in the table: after the drain, each once beside the one ending.
    await drained(pollers[0]);
    const delivered = recorded.delivered(sessionId);
    const counts = count(await storedKeys(sessionId), delivered);
    expect(counts, JSON.stringify(counts)).toEqual({
      stored: counts.stored,
      missing: [],
      synthetic: ['workflow_error'],
      doubled: [],
    });
    expect(counts.stored).toBeGreaterThan(0);
    expect(delivered.filter((e) => !isTerminal(e)).every((e) => e.event_type === 'log')).toBe(true);
    expect(recorded.ends(sessionId)).toHaveLength(1);
  });
});
