/**
 * The session pipeline with no AWS account: the state machine run in this process
 * (LocalStateMachine), its DynamoDB tasks on the given (local) endpoint, its Lambda task the real
 * Python invoker handler, and the agent runtime replaced by a stand-in on 127.0.0.1 that runs an
 * AgentCore app (by default the sample examples/research-team). One instance owns the stand-in
 * and every process it started; dispose() ends them.
 */
import path from 'node:path';
import { type AwsClients, dynamoDbClient } from '../aws/clientFactory';
import { Disposable, toDisposable } from '../common/disposable';
import { AgentRuntimeStandIn, HostedAgent } from './agentRuntimeStandIn';
import { ensureJournalTable } from './journalTable';
import { LocalExecution, LocalStateMachine } from './localStateMachine';
import { pipelineEnv } from './processEnv';
import { pythonInvoker } from './pythonInvoker';
import type { SessionInput } from './sessionStarter';

/** The ARN the stand-in hosts the agent under (an AgentCore-shaped ARN in a placeholder account). */
export const LOCAL_RUNTIME_ARN = 'arn:aws:bedrock-agentcore:us-east-1:000000000000:runtime/agentify_local-offline0001';

export function sampleAgent(root: string): HostedAgent {
  const dir = path.join(root, 'examples', 'research-team');
  return { app: path.join(dir, 'agents', 'agentcore_app.py'), cwd: dir };
}

export interface OfflinePipelineOptions {
  /** Extension (or repository) root: the ASL, the template, python-decorators, the sample. */
  root: string;
  python: string;
  clients: AwsClients;
  endpoint: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  journalTable: string;
  /** Where the agent's own Agentify events are stored too; undefined = stdout only. */
  eventsTable?: string;
  /** The agent the stand-in runs; default the sample. */
  agent?: HostedAgent;
  /** The runtime ARN the invoker is told to call; default the hosted one (tests name another to fail). */
  invokeArn?: string;
  maxAttempts?: number;
  waitSeconds?: number;
  waitOverrideMs?: number;
  baseEnv?: NodeJS.ProcessEnv;
  /** The pipeline processes' stdout lines (the agent's Agentify events among them). */
  onLine?: (line: string) => void;
  log?: (line: string) => void;
}

export class OfflinePipeline extends Disposable {
  private constructor(
    private readonly machine: LocalStateMachine,
    readonly standIn: AgentRuntimeStandIn,
  ) {
    super();
    this.register(toDisposable(() => void standIn.stop()));
  }

  static async start(o: OfflinePipelineOptions): Promise<OfflinePipeline> {
    await ensureJournalTable(await dynamoDbClient(o.clients), o.journalTable, o.root);
    const env = pipelineEnv({
      base: o.baseEnv ?? process.env,
      decoratorsPath: path.join(o.root, 'python-decorators'),
      journalTable: o.journalTable,
      endpoint: o.endpoint,
      region: o.region,
      credentials: o.credentials,
      eventsTable: o.eventsTable,
    });
    const standIn = await AgentRuntimeStandIn.start({
      python: o.python,
      env,
      agents: { [LOCAL_RUNTIME_ARN]: o.agent ?? sampleAgent(o.root) },
      log: o.log,
      onLine: o.onLine,
    });
    const invokerEnv = {
      ...env,
      AGENTIFY_AGENT_RUNTIME_ARN: o.invokeArn ?? LOCAL_RUNTIME_ARN,
      AGENTIFY_AGENTCORE_ENDPOINT: standIn.endpoint,
    };
    const machine = new LocalStateMachine({
      root: o.root,
      clients: o.clients,
      journalTable: o.journalTable,
      invoker: pythonInvoker({ python: o.python, env: invokerEnv, onLine: o.onLine }),
      maxAttempts: o.maxAttempts,
      waitSeconds: o.waitSeconds,
      waitOverrideMs: o.waitOverrideMs,
    });
    return new OfflinePipeline(machine, standIn);
  }

  startSession(input: SessionInput): Promise<LocalExecution> {
    return this.machine.start({ ...input }, input.session_id);
  }

  /** Ends the stand-in and every agent process; resolves when they are gone. */
  async stop(): Promise<void> {
    await this.standIn.stop();
    this.dispose();
  }
}
