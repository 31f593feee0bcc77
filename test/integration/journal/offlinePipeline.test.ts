/**
 * The session state machine executed offline, end to end: aws-local-stepfunctions runs the
 * definition the template deploys, its DynamoDB tasks go to DynamoDB Local through the project's
 * client factory, its Lambda task runs the real Python invoker handler, and the agent runtime is
 * the stand-in running the sample research team. Each case checks the journal and the outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalReader } from '../../../src/journal/journalReader';
import { OfflinePipeline, OfflinePipelineOptions, sampleAgent } from '../../../src/journal/offlinePipeline';
import { LocalStateMachine } from '../../../src/journal/localStateMachine';
import {
  JournalTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  PYTHON,
  REPO_ROOT,
  createJournalTable,
  expiresAt,
  newSessionId,
} from './journalSupport';

let table: JournalTable;
const pipelines: OfflinePipeline[] = [];

beforeAll(async () => {
  table = await createJournalTable();
});

afterAll(async () => {
  await Promise.all(pipelines.map((p) => p.stop()));
  table?.factory.dispose();
});

async function pipeline(extra: Partial<OfflinePipelineOptions> = {}): Promise<OfflinePipeline> {
  const p = await OfflinePipeline.start({
    root: REPO_ROOT,
    python: PYTHON,
    clients: table.factory,
    endpoint: table.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    journalTable: table.tableName,
    agent: { ...sampleAgent(REPO_ROOT), env: { RESEARCH_TEAM_DELAY_SCALE: '0' } },
    maxAttempts: 200,
    waitSeconds: 1,
    waitOverrideMs: 50,
    ...extra,
  });
  pipelines.push(p);
  return p;
}

const reader = () =>
  new JournalReader({ clients: table.factory, tableName: () => table.tableName, region: () => LOCAL_REGION });
const statuses = async (sessionId: string) => (await reader().read(sessionId)).map((i) => i.Status);

describe('the session state machine offline', () => {
  it('runs a session to success: every stage journaled in order, the execution succeeds', async () => {
    const p = await pipeline();
    const sessionId = newSessionId();
    const execution = await p.startSession({
      session_id: sessionId,
      expires_at: expiresAt(),
      prompt: 'Compare three vector databases',
    });
    const outcome = await execution.outcome;
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'SUCCEEDED',
      output: { session_id: sessionId, status: 'AGENT_BACKGROUND_TASK_COMPLETED' },
    });
    const items = await reader().read(sessionId);
    expect(items.map((i) => i.Status).sort()).toEqual(
      [
        'SESSION_INITIATED',
        'AGENT_INVOCATION_STARTED',
        'AGENT_INVOCATION_SUCCEEDED',
        'AGENT_ENTRYPOINT_STARTED',
        'AGENT_BACKGROUND_TASK_STARTED',
        'AGENT_BACKGROUND_TASK_COMPLETED',
      ].sort(),
    );
    // Causal order holds whatever the interleaving of the invoker's SUCCEEDED and the task.
    const at = (s: string) => items.findIndex((i) => i.Status === s);
    expect(at('SESSION_INITIATED')).toBe(0);
    expect(at('AGENT_INVOCATION_STARTED')).toBe(1);
    expect(at('AGENT_ENTRYPOINT_STARTED')).toBeLessThan(at('AGENT_BACKGROUND_TASK_STARTED'));
    expect(at('AGENT_BACKGROUND_TASK_STARTED')).toBeLessThan(at('AGENT_BACKGROUND_TASK_COMPLETED'));
    expect(items.map((i) => i.SK)).toEqual(items.map((i) => i.SK).sort());
    expect(new Set(items.map((i) => i.Component))).toEqual(
      new Set(['state-machine', 'invoker', 'entrypoint', 'background-task']),
    );
    expect(items.every((i) => i.ErrorMessage === undefined)).toBe(true);
    // The runtime got the session as its runtime session id and in the payload.
    expect(p.standIn.invocations).toEqual([
      expect.objectContaining({
        sessionId,
        payload: expect.objectContaining({ session_id: sessionId, prompt: 'Compare three vector databases' }),
      }),
    ]);
  });

  it('fails with the message of a failed background task', async () => {
    const p = await pipeline();
    const sessionId = newSessionId();
    const outcome = await (
      await p.startSession({ session_id: sessionId, expires_at: expiresAt(), prompt: 'please fail' })
    ).outcome;
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('AGENT_BACKGROUND_TASK_FAILED');
    expect(outcome.cause).toMatch(/^SourceUnavailableError: .* did not answer \(the prompt asked for a failure\)$/);
    const items = await reader().read(sessionId);
    const failed = items.find((i) => i.Status === 'AGENT_BACKGROUND_TASK_FAILED');
    expect(failed?.ErrorMessage).toBe(outcome.cause);
    expect(items.map((i) => i.Status)).not.toContain('AGENT_BACKGROUND_TASK_COMPLETED');
  });

  it('fails with the message of a failed invocation (the runtime is not there)', async () => {
    const p = await pipeline({
      invokeArn: 'arn:aws:bedrock-agentcore:us-east-1:000000000000:runtime/not_deployed-0000000000',
    });
    const sessionId = newSessionId();
    const outcome = await (
      await p.startSession({ session_id: sessionId, expires_at: expiresAt(), prompt: 'hello' })
    ).outcome;
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('AGENT_INVOCATION_FAILED');
    expect(outcome.cause).toContain('ResourceNotFoundException');
    expect(await statuses(sessionId)).toEqual([
      'SESSION_INITIATED',
      'AGENT_INVOCATION_STARTED',
      'AGENT_INVOCATION_FAILED',
    ]);
  });

  it('does not start when the first write fails (a missing journal table) and never calls the invoker', async () => {
    let invoked = 0;
    const machine = new LocalStateMachine({
      root: REPO_ROOT,
      clients: table.factory,
      journalTable: 'agentify-journal-missing-table',
      invoker: async () => {
        invoked++;
        return {};
      },
    });
    const sessionId = newSessionId();
    const outcome = await (await machine.start({ session_id: sessionId, expires_at: expiresAt(), prompt: '' })).outcome;
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('Agentify.SessionNotStarted');
    expect(outcome.cause).toMatch(
      /^The first journal entry SESSION_INITIATED could not be written so the session did not start: /,
    );
    expect(outcome.cause).toContain('DynamoDB.ResourceNotFoundException');
    expect(outcome.cause).toContain('Check that the journal table exists');
    expect(invoked).toBe(0);
    expect(await statuses(sessionId)).toEqual([]);
  });

  it('times out after the maximum number of journal reads with a clear cause', async () => {
    // The sample with long pauses: its background task is still running when the monitor gives up.
    const slow = { ...sampleAgent(REPO_ROOT), env: { RESEARCH_TEAM_DELAY_SCALE: '1000' } };
    const p = await pipeline({ agent: slow, maxAttempts: 3, waitSeconds: 7, waitOverrideMs: 20 });
    const sessionId = newSessionId();
    const outcome = await (
      await p.startSession({ session_id: sessionId, expires_at: expiresAt(), prompt: 'slow' })
    ).outcome;
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('Agentify.SessionTimedOut');
    expect(outcome.cause).toContain('after 3 checks 7 seconds apart');
    const got = await statuses(sessionId);
    expect(got.slice(0, 2)).toEqual(['SESSION_INITIATED', 'AGENT_INVOCATION_STARTED']);
    expect(got).toContain('AGENT_INVOCATION_SUCCEEDED');
    expect(got).not.toContain('AGENT_BACKGROUND_TASK_COMPLETED');
    await p.stop();
  });

  it('refuses an input without a session id or expiry', async () => {
    const p = await pipeline();
    const outcome = await (await p.startSession({ prompt: 'x' } as never)).outcome;
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'Agentify.InvalidInput' });
    expect(outcome.cause).toContain('Agentify: Start Session');
  });
});
