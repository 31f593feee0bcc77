/**
 * Starts a session on AWS: one execution of the deployed state machine (`@aws-sdk/client-sfn`),
 * named after the session, and reads how it ended. Errors say which setting or permission to fix.
 */
import type { AwsClients } from '../aws/clientFactory';
import { toUserError, errorNames } from '../aws/awsErrors';
import { AgentifyError } from '../common/errors';
import type { ExecutionEnd } from './sessionStages';

export interface SessionInput {
  session_id: string;
  /** Epoch seconds after which the journal's entries expire (TTL). */
  expires_at: number;
  prompt: string;
}

export class SessionStarter {
  constructor(
    private readonly clients: AwsClients,
    private readonly stateMachineArn: () => string,
    private readonly region: () => string,
  ) {}

  async start(input: SessionInput): Promise<{ executionArn: string }> {
    const { SFNClient, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const arn = this.stateMachineArn();
    try {
      const sfn = await this.clients.client(SFNClient, 'aws');
      const out = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: input.session_id, input: JSON.stringify(input) }),
      );
      return { executionArn: out.executionArn! };
    } catch (err) {
      throw this.explain(err, arn, 'states:StartExecution');
    }
  }

  /** The execution's end, or undefined while it runs. */
  async end(executionArn: string): Promise<ExecutionEnd | undefined> {
    const { SFNClient, DescribeExecutionCommand } = await import('@aws-sdk/client-sfn');
    try {
      const sfn = await this.clients.client(SFNClient, 'aws');
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (!out.status || out.status === 'RUNNING' || out.status === 'PENDING_REDRIVE') return undefined;
      return {
        status:
          out.status === 'SUCCEEDED'
            ? 'SUCCEEDED'
            : out.status === 'TIMED_OUT'
              ? 'TIMED_OUT'
              : out.status === 'ABORTED'
                ? 'ABORTED'
                : 'FAILED',
        error: out.error,
        cause: out.cause,
      };
    } catch (err) {
      throw this.explain(err, this.stateMachineArn(), 'states:DescribeExecution');
    }
  }

  private explain(err: unknown, arn: string, action: string): AgentifyError {
    const names = errorNames(err);
    if (names.includes('StateMachineDoesNotExist') || names.includes('InvalidArn')) {
      const hint =
        'Deploy infrastructure/session-journal.yaml and set agentify.journal.stateMachineArn to its ' +
        'StateMachineArn output, or clear the setting to run sessions offline.';
      return new AgentifyError(
        `The state machine "${arn || '(not set)'}" does not exist in ${this.region()}. ${hint}`,
        { code: 'DeployFailed', cause: err, hint },
      );
    }
    if (names.includes('AccessDeniedException')) {
      const hint =
        `Grant ${action} (and states:DescribeExecution) on ${arn} to your identity, ` +
        'or use another profile (agentify.aws.profile).';
      return new AgentifyError(
        `You may not start or read sessions of the state machine ${arn}: ${(err as Error).message}. ${hint}`,
        { code: 'AccessDenied', cause: err, hint },
      );
    }
    if (names.includes('ExecutionAlreadyExists')) {
      return new AgentifyError(
        'A session with this id was already started. Start a new session (each gets a fresh id).',
        { code: 'Unknown', cause: err },
      );
    }
    return toUserError(err, { tableName: arn, region: this.region() });
  }
}
