/** Journal entries → the status strip: each stage's state, timings and failure, and the outcome. */
import { describe, expect, it } from 'vitest';
import type { JournalItem, JournalStatus } from '../../../src/journal/journalStatus';
import { sessionView } from '../../../src/journal/sessionStages';
import { newSessionId, sessionMode } from '../../../src/journal/sessionMode';

const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);
const entry = (Status: JournalStatus, ms: number, ErrorMessage?: string): JournalItem => {
  const Timestamp = new Date(T0 + ms).toISOString();
  return { PK: 'SESSION#s', SK: `EVENT#${Timestamp}`, Status, Timestamp, ...(ErrorMessage ? { ErrorMessage } : {}) };
};
const states = (v: ReturnType<typeof sessionView>) => Object.fromEntries(v.stages.map((s) => [s.id, s.state]));

describe('sessionView', () => {
  it('shows a session that has just started: the session running, the rest pending', () => {
    const v = sessionView('s', 'offline', [entry('SESSION_INITIATED', 0)]);
    expect(states(v)).toEqual({ session: 'running', invocation: 'pending', entrypoint: 'pending', task: 'pending' });
    expect(v).toMatchObject({ outcome: 'running', entryCount: 1 });
    expect(v.error).toBeUndefined();
  });

  it('times every stage of a successful session, even when the invoker reports after the task ended', () => {
    const v = sessionView('s', 'aws', [
      entry('SESSION_INITIATED', 0),
      entry('AGENT_INVOCATION_STARTED', 40),
      entry('AGENT_ENTRYPOINT_STARTED', 300),
      entry('AGENT_BACKGROUND_TASK_STARTED', 350),
      entry('AGENT_BACKGROUND_TASK_COMPLETED', 900),
      entry('AGENT_INVOCATION_SUCCEEDED', 950),
    ]);
    expect(states(v)).toEqual({
      session: 'succeeded',
      invocation: 'succeeded',
      entrypoint: 'succeeded',
      task: 'succeeded',
    });
    expect(v.stages.map((s) => s.durationMs)).toEqual([900, 910, 50, 550]);
    expect(v.outcome).toBe('succeeded');
  });

  it('marks the failing stage and the session with the entry message', () => {
    const v = sessionView(
      's',
      'offline',
      [
        entry('SESSION_INITIATED', 0),
        entry('AGENT_INVOCATION_STARTED', 40),
        entry('AGENT_ENTRYPOINT_STARTED', 300),
        entry('AGENT_BACKGROUND_TASK_STARTED', 350),
        entry('AGENT_INVOCATION_SUCCEEDED', 400),
        entry('AGENT_BACKGROUND_TASK_FAILED', 1200, 'ValueError: the report is empty'),
      ],
      { status: 'FAILED', error: 'AGENT_BACKGROUND_TASK_FAILED', cause: 'ValueError: the report is empty' },
    );
    expect(states(v)).toEqual({ session: 'failed', invocation: 'succeeded', entrypoint: 'succeeded', task: 'failed' });
    expect(v.stages.find((s) => s.id === 'task')).toMatchObject({
      error: 'ValueError: the report is empty',
      durationMs: 850,
    });
    expect(v).toMatchObject({ outcome: 'failed', error: 'ValueError: the report is empty' });
  });

  it('shows a timed-out session: the stage still open when the execution failed is where it stopped', () => {
    const cause = 'The agent did not finish: ... after 3 checks 7 seconds apart.';
    const v = sessionView(
      's',
      'offline',
      [
        entry('SESSION_INITIATED', 0),
        entry('AGENT_INVOCATION_STARTED', 40),
        entry('AGENT_ENTRYPOINT_STARTED', 300),
        entry('AGENT_BACKGROUND_TASK_STARTED', 350),
        entry('AGENT_INVOCATION_SUCCEEDED', 400),
      ],
      {
        status: 'FAILED',
        error: 'Agentify.SessionTimedOut',
        cause,
      },
    );
    expect(states(v)).toEqual({ session: 'failed', invocation: 'succeeded', entrypoint: 'succeeded', task: 'failed' });
    expect(v.stages.find((s) => s.id === 'task')?.error).toBe(cause);
    expect(v).toMatchObject({ outcome: 'failed', error: cause });
  });

  it('shows a session that never started: no entries, the execution failed', () => {
    const v = sessionView('s', 'aws', [], {
      status: 'FAILED',
      error: 'Agentify.SessionNotStarted',
      cause: 'The first journal entry ... could not be written',
    });
    expect(states(v)).toEqual({ session: 'failed', invocation: 'pending', entrypoint: 'pending', task: 'pending' });
    expect(v.error).toContain('could not be written');
  });
});

describe('sessionMode', () => {
  it('runs offline with no state machine ARN or with the embedded DynamoDB, on AWS otherwise', () => {
    expect(sessionMode({ stateMachineArn: '', dynamoDbEndpoint: '' })).toBe('offline');
    expect(
      sessionMode({ stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:x', dynamoDbEndpoint: 'local' }),
    ).toBe('offline');
    expect(sessionMode({ stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:x', dynamoDbEndpoint: '' })).toBe(
      'aws',
    );
  });

  it('makes session ids the agent runtime accepts (33 to 256 characters)', () => {
    const id = newSessionId();
    expect(id).toMatch(/^session-[0-9a-f-]{36}$/);
    expect(id.length).toBeGreaterThanOrEqual(33);
  });
});
