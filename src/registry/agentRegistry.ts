/**
 * AgentRegistry owns where agent profiles live and the registry's rules: it validates input,
 * keeps profiles in the DynamoDB table when the table can be used and in memory when it cannot
 * (saying so once, with the template to deploy or the IAM statement to add), checks again now
 * and then and moves to the table as soon as it appears (the agents registered meanwhile go with
 * it), and marks agents not seen for the stale time as stale. The HTTP handler, the local server,
 * the Lambda and the IDE all use it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type AwsClients, dynamoDbClient } from '../aws/clientFactory';
import { errorNames } from '../aws/awsErrors';
import { EventEmitter } from '../common/emitter';
import { RegistryError, isRegistryError } from './errors';
import { DynamoRegistryStore } from './dynamoStore';
import { MemoryRegistryStore } from './memoryStore';
import {
  RegistryTarget,
  accessDeniedMessage,
  indexMissingMessage,
  tableMissingMessage,
  unreachableMessage,
  usingTableMessage,
} from './setupMessages';
import { AgentProfile, AgentRecord, DEFAULT_STALE_AFTER_MS, ListOptions, ListPage, RegistryStore } from './types';
import { checkCapability, checkId, validateProfile } from './validate';

export interface AgentRegistryOptions {
  /** DynamoDB clients (the composition root's factory, or one pointed at a local server). */
  clients: AwsClients;
  /** The table's name, read at every use so a settings change takes effect. */
  tableName: () => string;
  /** Region and endpoint override of the table, for messages. Default: region unknown. */
  target?: () => Omit<RegistryTarget, 'tableName'> | Promise<Omit<RegistryTarget, 'tableName'>>;
  /** An agent not seen for longer than this is marked stale. Default 5 minutes. */
  staleAfterMs?: () => number;
  /** Clock (epoch ms). Default Date.now. */
  now?: () => number;
  /** Where the one-time messages go. Default console.warn. */
  log?: (message: string) => void;
  /** Keep agents in memory when the table cannot be used (default true). Off (the Lambda): fail with 503. */
  fallbackToMemory?: boolean;
  /** How often memory mode checks whether the table can be used now, ms. Default 10 000. */
  recheckMs?: number;
  /** Never use a table: agents live in this process only (`npm run registry -- --memory`). */
  memoryOnly?: boolean;
  /** Creates the missing table (offered for local servers only, where the registry owns it). */
  createTable?: (client: DynamoDBClient, tableName: string) => Promise<unknown>;
}

export type RegistryMode = 'unknown' | 'table' | 'memory';

export interface RegistryStatus {
  mode: RegistryMode;
  tableName: string;
  /** Why the registry is memory-only, when it is. */
  reason?: string;
}

type TableProblem = 'missing' | 'denied' | 'index' | 'unreachable';

export class AgentRegistry {
  private readonly memory = new MemoryRegistryStore();
  private table: DynamoRegistryStore | undefined;
  private checked: { tableName: string; at: number } | undefined;
  private probing: Promise<RegistryStore> | undefined;
  private reason: string | undefined;
  private readonly said = new Set<string>();
  private readonly _onDidChange = new EventEmitter<void>();
  /** Fires after a write through this instance, and when the store in use changes. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly options: AgentRegistryOptions) {}

  get mode(): RegistryMode {
    if (this.options.memoryOnly) return 'memory';
    return this.table ? 'table' : this.checked ? 'memory' : 'unknown';
  }

  status(): RegistryStatus {
    return {
      mode: this.mode,
      tableName: this.options.tableName(),
      ...(this.mode === 'memory' && this.reason ? { reason: this.reason } : {}),
    };
  }

  async register(profile: unknown, owner: string): Promise<{ created: boolean; agent: AgentRecord }> {
    const input = validateProfile(profile);
    const result = await this.use((s) => s.put(input, owner, this.now()));
    this._onDidChange.fire();
    return { created: result.created, agent: this.record(result.profile) };
  }

  async get(id: string): Promise<AgentRecord | undefined> {
    const checked = checkId(id);
    const profile = await this.use((s) => s.get(checked));
    return profile && this.record(profile);
  }

  async discover(capability: string): Promise<AgentRecord[]> {
    const cap = checkCapability(capability);
    return (await this.use((s) => s.discover(cap))).map((p) => this.record(p));
  }

  async list(options: ListOptions = {}): Promise<ListPage<AgentRecord>> {
    const page = await this.use((s) => s.list(options));
    return { ...page, agents: page.agents.map((p) => this.record(p)) };
  }

  async heartbeat(id: string, owner: string): Promise<AgentRecord | undefined> {
    const checked = checkId(id);
    const profile = await this.use((s) => s.heartbeat(checked, owner, this.now()));
    if (profile) this._onDidChange.fire();
    return profile && this.record(profile);
  }

  async deregister(id: string, owner: string): Promise<boolean> {
    const checked = checkId(id);
    const removed = await this.use((s) => s.deregister(checked, owner));
    if (removed) this._onDidChange.fire();
    return removed;
  }

  dispose(): void {
    this._onDidChange.dispose();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private record(profile: AgentProfile): AgentRecord {
    const staleAfter = this.options.staleAfterMs?.() ?? DEFAULT_STALE_AFTER_MS;
    return { ...profile, stale: this.now() - profile.lastSeenAt > staleAfter };
  }

  /** Runs an operation on the store in use; a table that stops being usable sends it to memory. */
  private async use<T>(op: (store: RegistryStore) => Promise<T>): Promise<T> {
    const store = await this.store();
    try {
      return await op(store);
    } catch (err) {
      if (store === this.memory || isRegistryError(err)) throw err;
      const problem = classify(err);
      if (problem === 'unreachable') throw await this.unavailable(err, problem);
      this.table = undefined;
      return op(await this.fallback(err, problem));
    }
  }

  private async store(): Promise<RegistryStore> {
    if (this.options.memoryOnly) return this.memory;
    const tableName = this.options.tableName();
    if (this.table?.tableName === tableName) return this.table;
    this.table = undefined;
    const recheck = this.options.recheckMs ?? 10_000;
    if (this.checked?.tableName === tableName && this.now() - this.checked.at < recheck) return this.memory;
    // Concurrent calls share one probe.
    this.probing ??= this.probe(tableName).finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async probe(tableName: string): Promise<RegistryStore> {
    let store: DynamoRegistryStore;
    try {
      store = new DynamoRegistryStore(await this.options.clients.documentClient(), tableName);
      try {
        // One Query on the index: proves the table, the index and read access at once.
        await store.list({ limit: 1 });
      } catch (err) {
        if (classify(err) !== 'missing' || !this.options.createTable) throw err;
        await this.options.createTable(await dynamoDbClient(this.options.clients), tableName);
      }
    } catch (err) {
      return this.fallback(err, classify(err));
    }
    const wasMemory = this.checked !== undefined;
    const moved = await this.moveIntoTable(store);
    this.table = store;
    this.checked = undefined;
    this.reason = undefined;
    this.said.clear();
    if (wasMemory) {
      this.say(usingTableMessage(await this.target(tableName), moved));
      this._onDidChange.fire();
    }
    return store;
  }

  /** Agents registered while memory-only are written to the table, keeping their registrants. */
  private async moveIntoTable(store: DynamoRegistryStore): Promise<number> {
    let moved = 0;
    for (const { profile, owner } of [...this.memory.entries()]) {
      const { registeredAt: _r, lastSeenAt, ...input } = profile;
      try {
        await store.put(input, owner, lastSeenAt);
        moved++;
      } catch (err) {
        this.say(
          `The agent "${profile.id}" registered in memory was not written to the table: ` +
            (err instanceof Error ? err.message : String(err)),
        );
      }
    }
    this.memory.clear();
    return moved;
  }

  private async fallback(err: unknown, problem: TableProblem): Promise<RegistryStore> {
    if (!(this.options.fallbackToMemory ?? true)) throw await this.unavailable(err, problem);
    const tableName = this.options.tableName();
    const message = await this.message(err, problem, tableName);
    const first = this.checked === undefined;
    this.checked = { tableName, at: this.now() };
    this.reason = message;
    if (!this.said.has(`${problem}:${tableName}`)) {
      this.said.add(`${problem}:${tableName}`);
      this.say(message);
    }
    if (first) this._onDidChange.fire();
    return this.memory;
  }

  private async unavailable(err: unknown, problem: TableProblem): Promise<RegistryError> {
    return new RegistryError('Unavailable', await this.message(err, problem, this.options.tableName(), false), {
      cause: err,
    });
  }

  private async message(err: unknown, problem: TableProblem, tableName: string, memory = true): Promise<string> {
    const t = await this.target(tableName);
    const detail = (err as Error)?.message ?? String(err);
    if (problem === 'missing') return tableMissingMessage(t, memory);
    if (problem === 'denied') return accessDeniedMessage(t, detail, memory);
    if (problem === 'index') return indexMissingMessage(t, memory);
    return unreachableMessage(t, detail, memory);
  }

  private async target(tableName: string): Promise<RegistryTarget> {
    try {
      return { region: 'the configured region', ...(await this.options.target?.()), tableName };
    } catch {
      return { region: 'the configured region', tableName };
    }
  }

  private say(message: string): void {
    (this.options.log ?? console.warn)(message);
  }
}

const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'UnauthorizedException',
]);

function classify(err: unknown): TableProblem {
  const names = errorNames(err);
  if (names.includes('ResourceNotFoundException')) return 'missing';
  if (names.some((n) => DENIED.has(n)) || /not authorized/i.test((err as Error)?.message ?? '')) return 'denied';
  if (names.includes('ValidationException') && /index/i.test((err as Error)?.message ?? '')) return 'index';
  return 'unreachable';
}
