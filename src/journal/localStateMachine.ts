/**
 * Runs the session state machine offline, in this process, with npm aws-local-stepfunctions:
 * the same definition the template deploys, its DynamoDB tasks sent through the project's own
 * client factory (DynamoDB Local, or any endpoint the settings name) and its Lambda task handed to
 * a local invoker (the real Python handler run as a subprocess). Errors are named as Step
 * Functions names them, so the definition's Retry and Catch rules behave as they do on AWS.
 */
import { randomUUID } from 'node:crypto';
import { type AwsClients, dynamoDbClient } from '../aws/clientFactory';
import { loadDefinitionText, substituteDefinition } from './stateMachineDefinition';
import { ensurePromiseWithResolvers } from './withResolvers';

/** What a finished execution reports, shaped like DescribeExecution's answer. */
export interface ExecutionOutcome {
  executionArn: string;
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface LocalExecution {
  executionArn: string;
  /** Settles when the execution ends; never rejects (a failure is an outcome). */
  readonly outcome: Promise<ExecutionOutcome>;
  abort(): void;
}

/** The Lambda task: the invoker's event in, its result out; throw to report a function error. */
export type LocalInvoker = (event: Record<string, unknown>) => Promise<unknown>;

export interface LocalStateMachineOptions {
  /** Folder holding infrastructure/session-journal.asl.json (the extension or repository root). */
  root: string;
  clients: AwsClients;
  journalTable: string;
  invoker: LocalInvoker;
  /** Journal reads before the session times out. Default 90. */
  maxAttempts?: number;
  /** Seconds between two reads. Default 2 (a local agent answers quickly). */
  waitSeconds?: number;
  /** Milliseconds the monitor's Wait really waits (tests shorten it); default waitSeconds. */
  waitOverrideMs?: number;
}

export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:agentify-sessions-local';
const INVOKER_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:agentify-journal-invoker-local';

const PUT_ITEM = 'arn:aws:states:::dynamodb:putItem';
const QUERY = 'arn:aws:states:::aws-sdk:dynamodb:query';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

interface StateDef {
  Type: string;
  Resource?: string;
}

/** An error named the way Step Functions names a service integration's error. */
function taskError(prefix: string, err: unknown): Error {
  const source = err instanceof Error ? err : new Error(String(err));
  const named = new Error(source.message);
  named.name = `${prefix}.${source.name === 'Error' ? 'UnknownError' : source.name}`;
  return named;
}

/** The SDK's response without its transport metadata, as Step Functions returns it. */
function withoutMetadata(response: object): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = response as Record<string, unknown>;
  return rest;
}

export class LocalStateMachine {
  constructor(private readonly options: LocalStateMachineOptions) {}

  async start(input: Record<string, unknown>, name: string = randomUUID()): Promise<LocalExecution> {
    ensurePromiseWithResolvers();
    const { StateMachine } = await import('aws-local-stepfunctions');
    const o = this.options;
    const definition = substituteDefinition(loadDefinitionText(o.root), {
      JournalTableName: o.journalTable,
      InvokerFunctionArn: INVOKER_ARN,
      MaxAttempts: o.maxAttempts ?? 90,
      WaitSeconds: o.waitSeconds ?? 2,
    });
    const states = (definition as { States: Record<string, StateDef> }).States;
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const waits: Record<string, number> = {};
    for (const [stateName, state] of Object.entries(states)) {
      if (state.Type === 'Wait' && o.waitOverrideMs !== undefined) waits[stateName] = o.waitOverrideMs;
      if (state.Type !== 'Task') continue;
      const handler = this.handlerFor(state.Resource ?? '');
      if (!handler) throw new Error(`The offline runner has no handler for task ${stateName} (${state.Resource}).`);
      handlers[stateName] = handler;
    }
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: true, checkPaths: true } });
    const executionArn = `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;
    const run = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, waitTimeOverrides: waits },
      context: { Execution: { Id: executionArn, Name: name } },
      noThrowOnAbort: true,
    });
    const outcome = run.result.then(
      (output): ExecutionOutcome =>
        output === null ? { executionArn, status: 'ABORTED' } : { executionArn, status: 'SUCCEEDED', output },
      (err: unknown): ExecutionOutcome => {
        // ExecutionError wraps the state's error: its name is the Fail state's Error, its message the Cause.
        const inner = (err as { cause?: unknown }).cause;
        const e = inner instanceof Error ? inner : err instanceof Error ? err : new Error(String(err));
        return { executionArn, status: 'FAILED', error: e.name, cause: e.message };
      },
    );
    return { executionArn, outcome, abort: () => run.abort() };
  }

  private handlerFor(resource: string): ((input: unknown) => Promise<unknown>) | undefined {
    const o = this.options;
    switch (resource) {
      case PUT_ITEM:
        return async (params) => {
          const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
          const client = await dynamoDbClient(o.clients);
          try {
            return withoutMetadata(await client.send(new PutItemCommand(params as never)));
          } catch (err) {
            throw taskError('DynamoDB', err);
          }
        };
      case QUERY:
        return async (params) => {
          const { QueryCommand } = await import('@aws-sdk/client-dynamodb');
          const client = await dynamoDbClient(o.clients);
          try {
            return withoutMetadata(await client.send(new QueryCommand(params as never)));
          } catch (err) {
            throw taskError('DynamoDb', err);
          }
        };
      case LAMBDA_INVOKE:
        return async (params) => {
          const { Payload } = params as { Payload: Record<string, unknown> };
          // Shaped like the optimized Lambda integration's result.
          return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await o.invoker(Payload) };
        };
      default:
        return undefined;
    }
  }
}
