/**
 * Starting a session on AWS, against moto's server (an AWS emulator) on 127.0.0.1: the deployed
 * definition is created as a state machine, Start Session starts an execution named after the
 * session with the documented input, and the errors a user can meet say what to set or grant.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import { isAgentifyError } from '../../../src/common/errors';
import { findFreePort, LOCAL_CREDENTIALS } from '../../../src/localDb/localDynamoDb';
import { loadDefinitionText, substituteDefinition } from '../../../src/journal/stateMachineDefinition';
import { SessionStarter } from '../../../src/journal/sessionStarter';
import { newSessionId } from '../../../src/journal/sessionMode';
import { REPO_ROOT } from './journalSupport';

let moto: ChildProcess;
let factory: AwsClientFactory;
let stateMachineArn: string;

beforeAll(async () => {
  const port = await findFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    up = await fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) throw new Error('moto_server did not start (python3 -m moto.server)');
  factory = new AwsClientFactory(() => ({ region: 'us-east-1', endpoint, staticCredentials: LOCAL_CREDENTIALS }));
  const definition = substituteDefinition(loadDefinitionText(REPO_ROOT), {
    JournalTableName: 'agentify-session-journal',
    InvokerFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:agentify-invoker',
    MaxAttempts: 3,
    WaitSeconds: 1,
  });
  const created = await (
    await factory.client(SFNClient)
  ).send(
    new CreateStateMachineCommand({
      name: 'agentify-sessions',
      roleArn: 'arn:aws:iam::123456789012:role/agentify-sessions',
      definition: JSON.stringify(definition),
    }),
  );
  stateMachineArn = created.stateMachineArn!;
}, 60_000);

afterAll(() => {
  factory?.dispose();
  if (moto?.pid) process.kill(-moto.pid, 'SIGTERM');
});

describe('SessionStarter (Step Functions API on moto)', () => {
  it('starts an execution named after the session with the session id, expiry and prompt as input', async () => {
    const starter = new SessionStarter(
      factory,
      () => stateMachineArn,
      () => 'us-east-1',
    );
    const sessionId = newSessionId();
    const input = { session_id: sessionId, expires_at: 1_900_000_000, prompt: 'Compare vector databases' };
    const { executionArn } = await starter.start(input);
    expect(executionArn.endsWith(`:${sessionId}`)).toBe(true);
    const described = await (await factory.client(SFNClient)).send(new DescribeExecutionCommand({ executionArn }));
    expect(JSON.parse(described.input!)).toEqual(input);
    expect(described.stateMachineArn).toBe(stateMachineArn);
    const end = await starter.end(executionArn);
    if (described.status === 'RUNNING') expect(end).toBeUndefined();
    else expect(end?.status).toBe(described.status);
  });

  it('says to deploy the template or clear the setting when the state machine does not exist', async () => {
    const missing = stateMachineArn.replace('agentify-sessions', 'not-deployed');
    const starter = new SessionStarter(
      factory,
      () => missing,
      () => 'us-east-1',
    );
    const err = await starter.start({ session_id: newSessionId(), expires_at: 1, prompt: '' }).catch((e: unknown) => e);
    expect(isAgentifyError(err)).toBe(true);
    expect((err as Error).message).toContain(`The state machine "${missing}" does not exist in us-east-1`);
    expect((err as Error).message).toContain('agentify.journal.stateMachineArn');
  });
});
