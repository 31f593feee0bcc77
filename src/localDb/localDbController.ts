/**
 * Owns the extension's embedded DynamoDB: starts it once on demand (endpoint "local" or the
 * Start Local DynamoDB command), creates the events table from the bundled template, and stops it
 * with the extension. Concurrent callers share one start.
 */
import { AwsClientFactory, dynamoDbClient } from '../aws/clientFactory';
import { Disposable, toDisposable } from '../common/disposable';
import { ensureEventsTable } from '../eventsTable/createEventsTable';
import { TableDefinition } from '../eventsTable/tableDefinition';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  LocalDynamoDb,
  LocalDynamoDbOptions,
  startLocalDynamoDb,
} from './localDynamoDb';

export interface LocalDbControllerOptions {
  tableDefinition: () => TableDefinition;
  /** Folder for persisted data; undefined = in memory. */
  dbPath?: () => string | undefined;
  log: (line: string) => void;
  start?: (options: LocalDynamoDbOptions) => Promise<LocalDynamoDb>;
}

export class LocalDbController extends Disposable {
  private server: Promise<LocalDynamoDb> | undefined;
  private readonly tables = new Map<string, Promise<void>>();

  constructor(private readonly options: LocalDbControllerOptions) {
    super();
    this.register(toDisposable(() => void this.stop()));
  }

  /** The endpoint once started, else undefined. */
  endpoint: string | undefined;

  /** What the local server accepts as credentials (it checks none, but the SDK needs some). */
  readonly credentials = LOCAL_CREDENTIALS;

  /** Starts the server if needed and makes sure `tableName` exists; returns the endpoint. */
  async ensureStarted(tableName: string): Promise<string> {
    if (!this.server) {
      const start = this.options.start ?? startLocalDynamoDb;
      this.options.log('Starting the embedded DynamoDB Local…');
      this.server = start({ dbPath: this.options.dbPath?.(), onLog: (l) => this.options.log(`[dynamodb-local] ${l}`) });
      this.server.catch(() => (this.server = undefined));
    }
    const server = await this.server;
    this.endpoint = server.endpoint;
    let table = this.tables.get(tableName);
    if (!table) {
      table = this.createTable(server.endpoint, tableName);
      this.tables.set(tableName, table);
      table.catch(() => this.tables.delete(tableName));
    }
    await table;
    return server.endpoint;
  }

  private async createTable(endpoint: string, tableName: string): Promise<void> {
    const clients = new AwsClientFactory(() => ({
      endpoint,
      region: LOCAL_REGION,
      staticCredentials: LOCAL_CREDENTIALS,
    }));
    try {
      const created = await ensureEventsTable(await dynamoDbClient(clients), tableName, this.options.tableDefinition());
      this.options.log(`Local DynamoDB at ${endpoint}: table ${tableName} ${created ? 'created' : 'ready'}.`);
    } finally {
      clients.dispose();
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.endpoint = undefined;
    this.tables.clear();
    if (server) await (await server.catch(() => undefined))?.stop();
  }
}
