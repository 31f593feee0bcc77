/**
 * The two places a session can run, built from the settings: AWS (the deployed state machine,
 * the journal table through the project's DynamoDB client) and offline (the local pipeline on
 * DynamoDB Local, started once and kept while its settings stay the same).
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { AwsClientFactory, AwsClients } from '../aws/clientFactory';
import { Disposable, toDisposable } from '../common/disposable';
import { LOCAL_CREDENTIALS } from '../localDb/localDynamoDb';
import { RunEventsLoader } from '../history/runEventsLoader';
import { JournalReader, journalError } from './journalReader';
import { isAgentifyError } from '../common/errors';
import { OfflinePipeline, sampleAgent } from './offlinePipeline';
import type { HostedAgent } from './agentRuntimeStandIn';
import type { SessionBackend } from './sessionHub';
import { localEnd } from './sessionHub';
import { sessionMode } from './sessionMode';
import { SessionStarter } from './sessionStarter';

export interface JournalSettings {
  journalTable: string;
  stateMachineArn: string;
  /** The AgentCore app the offline stand-in runs ("" = the workspace's agents/agentcore_app.py, else the sample). */
  offlineAgent: string;
  /** agentify.dynamodb.endpoint: "", "local" or a URL. */
  dynamoDbEndpoint: string;
  region: string;
  profile?: string;
  eventsTable: string;
}

export interface JournalBackendDeps {
  settings: () => JournalSettings;
  /** Extension root: the ASL, the template, python-decorators, the sample. */
  root: string;
  workspaceFolder: () => string | undefined;
  /** DynamoDB as configured (AWS, or the endpoint override); Step Functions on AWS. */
  clients: AwsClients;
  /** Starts the embedded DynamoDB Local (creating the events table) and returns its endpoint. */
  ensureLocalDb: (eventsTable: string) => Promise<string>;
  python: () => string;
  onLine?: (line: string) => void;
  log?: (line: string) => void;
}

export class JournalBackends extends Disposable {
  private offline:
    | {
        key: string;
        pipeline: Promise<{ pipeline: OfflinePipeline; reader: JournalReader; clients: AwsClientFactory }>;
      }
    | undefined;

  constructor(private readonly deps: JournalBackendDeps) {
    super();
    this.register(toDisposable(() => this.dropOffline()));
  }

  async current(): Promise<SessionBackend> {
    const s = this.deps.settings();
    if (sessionMode(s) === 'aws') {
      const starter = new SessionStarter(
        this.deps.clients,
        () => s.stateMachineArn,
        () => s.region,
      );
      const reader = new JournalReader({
        clients: this.deps.clients,
        tableName: () => s.journalTable,
        region: () => s.region,
        endpoint: () => s.dynamoDbEndpoint || undefined,
      });
      const events = new RunEventsLoader({
        clients: this.deps.clients,
        tableName: () => s.eventsTable,
        region: () => s.region,
      });
      return {
        mode: 'aws',
        reader,
        loadEvents: async (sessionId) => (await events.load(sessionId)).events,
        start: async (input) => {
          const { executionArn } = await starter.start(input);
          this.deps.log?.(`Session ${input.session_id}: execution ${executionArn}`);
          return { end: () => starter.end(executionArn) };
        },
      };
    }
    const { pipeline, reader, clients } = await this.offlinePipeline(s);
    const events = new RunEventsLoader({ clients, tableName: () => s.eventsTable, region: () => s.region });
    return {
      mode: 'offline',
      reader,
      loadEvents: async (sessionId) => (await events.load(sessionId)).events,
      start: async (input) => ({ end: localEnd(await pipeline.startSession(input)) }),
    };
  }

  /** The agent the offline stand-in runs. */
  offlineAgent(s: JournalSettings): HostedAgent {
    const folder = this.deps.workspaceFolder();
    const configured = s.offlineAgent.trim();
    if (configured) {
      const app = path.isAbsolute(configured) || !folder ? configured : path.join(folder, configured);
      return { app, cwd: path.dirname(path.dirname(app.split(':')[0])) };
    }
    const own = folder && path.join(folder, 'agents', 'agentcore_app.py');
    if (own && existsSync(own)) return { app: own, cwd: folder };
    return sampleAgent(this.deps.root);
  }

  private async offlinePipeline(s: JournalSettings) {
    const agent = this.offlineAgent(s);
    const key = JSON.stringify([s.journalTable, s.dynamoDbEndpoint, s.eventsTable, agent, this.deps.python()]);
    if (this.offline?.key !== key) {
      this.dropOffline();
      const started = (async () => {
        const ep = s.dynamoDbEndpoint.trim();
        const endpoint = ep && ep !== 'local' ? ep : await this.deps.ensureLocalDb(s.eventsTable);
        const clients = new AwsClientFactory(() => ({
          region: s.region,
          endpoint,
          staticCredentials: LOCAL_CREDENTIALS,
        }));
        const pipeline = await OfflinePipeline.start({
          root: this.deps.root,
          python: this.deps.python(),
          clients,
          endpoint,
          region: s.region,
          credentials: LOCAL_CREDENTIALS,
          journalTable: s.journalTable,
          eventsTable: s.eventsTable,
          agent,
          onLine: this.deps.onLine,
          log: this.deps.log,
        }).catch((err: unknown) => {
          clients.dispose();
          // The journal table is created first: a server that is down or refuses says so here.
          throw isAgentifyError(err) ? err : journalError(err, s.journalTable, s.region, endpoint);
        });
        const reader = new JournalReader({
          clients,
          tableName: () => s.journalTable,
          region: () => s.region,
          endpoint: () => endpoint,
        });
        return { pipeline, reader, clients };
      })();
      this.offline = { key, pipeline: started };
      started.catch(() => {
        if (this.offline?.pipeline === started) this.offline = undefined; // try again next time
      });
    }
    return this.offline.pipeline;
  }

  private dropOffline(): void {
    const old = this.offline;
    this.offline = undefined;
    void old?.pipeline.then(
      ({ pipeline, clients }) => {
        void pipeline.stop();
        clients.dispose();
      },
      () => undefined,
    );
  }
}
