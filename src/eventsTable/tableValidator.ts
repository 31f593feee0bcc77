/**
 * Owns the answer to "is the configured events table usable?": DescribeTable on the configured
 * table (at activation without blocking it, and on every configuration change), compared with the
 * template's key schema, and which hardening features it has. Each outcome carries a user-facing
 * message and next step.
 */
import { type AwsClientSettings, type AwsClients, dynamoDbClient } from '../aws/clientFactory';
import { errorContextFor } from '../aws/awsSettings';
import { toUserError } from '../aws/awsErrors';
import { Disposable } from '../common/disposable';
import { EventEmitter } from '../common/emitter';
import { AgentifyErrorCode } from '../common/errors';
import type { AgentifyConfig } from '../config/agentifyConfig';
import type { TableDefinition } from './tableDefinition';
import { describeTableFeatures, TableFeatures } from './tableFeatures';

export type TableState =
  | 'checking'
  | 'ok'
  | 'missing'
  | 'schemaMismatch'
  | 'noCredentials'
  | 'expiredCredentials'
  | 'accessDenied'
  | 'unreachable'
  | 'error';

export interface TableStatus {
  state: TableState;
  tableName: string;
  region: string;
  endpoint?: string;
  /** What happened and what to do next. */
  message: string;
  /** The next step alone, for buttons and the status bar tooltip. */
  hint?: string;
  /** When the check finished (epoch ms). */
  checkedAt?: number;
  itemCount?: number;
  /** The hardening features the table has (indexes, stream, TTL, PITR), when it is usable. */
  features?: TableFeatures;
}

const STATE_BY_CODE: Partial<Record<AgentifyErrorCode, TableState>> = {
  TableNotFound: 'missing',
  NoCredentials: 'noCredentials',
  ExpiredCredentials: 'expiredCredentials',
  AccessDenied: 'accessDenied',
  EndpointUnreachable: 'unreachable',
};

export class TableValidator extends Disposable {
  private readonly _onDidChangeStatus = this.register(new EventEmitter<TableStatus>());
  readonly onDidChangeStatus = this._onDidChangeStatus.event;
  private _status: TableStatus | undefined;
  private generation = 0;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: () => AgentifyConfig,
    private readonly settings: (config: AgentifyConfig) => Promise<AwsClientSettings>,
    private readonly definition: () => TableDefinition,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  get status(): TableStatus | undefined {
    return this._status;
  }

  /** Checks the table now; a newer call supersedes an older one still in flight. */
  async validate(): Promise<TableStatus> {
    const generation = ++this.generation;
    const config = this.config();
    const { tableName, region } = config.infrastructure.dynamodb;
    this.publish(generation, {
      state: 'checking',
      tableName,
      region,
      message: `Checking the DynamoDB table "${tableName}"…`,
    });
    let settings: AwsClientSettings | undefined;
    let status: TableStatus;
    try {
      settings = await this.settings(config);
      status = await this.describe(config, settings);
    } catch (err) {
      const userError = toUserError(err, errorContextFor(config, settings));
      status = {
        state: STATE_BY_CODE[userError.code] ?? 'error',
        tableName,
        region,
        endpoint: settings?.endpoint,
        message: userError.message,
        hint: userError.hint,
        checkedAt: this.now(),
      };
    }
    this.publish(generation, status);
    return status;
  }

  private async describe(config: AgentifyConfig, settings: AwsClientSettings): Promise<TableStatus> {
    const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
    const { tableName, region } = config.infrastructure.dynamodb;
    const client = await dynamoDbClient(this.clients);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const def = this.definition();
    const keyOf = (type: 'HASH' | 'RANGE') => Table?.KeySchema?.find((k) => k.KeyType === type)?.AttributeName;
    const typeOf = (name: string | undefined) =>
      Table?.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    const hash = keyOf('HASH');
    const range = keyOf('RANGE');
    const where = settings.endpoint ? `at ${settings.endpoint}` : `in ${region}`;
    const base = { tableName, region, endpoint: settings.endpoint, checkedAt: this.now(), itemCount: Table?.ItemCount };
    if (
      hash !== def.partitionKey.name ||
      range !== def.sortKey.name ||
      typeOf(hash) !== def.partitionKey.type ||
      typeOf(range) !== def.sortKey.type
    ) {
      const found = `${hash ?? '?'} (${typeOf(hash) ?? '?'})${range ? ` + ${range} (${typeOf(range) ?? '?'})` : ''}`;
      const hint =
        'Point agentify.dynamodb.tableName at a table created from infrastructure/dynamodb-table.yaml, ' +
        'or deploy a new one with "Agentify: Initialize Project".';
      return {
        ...base,
        state: 'schemaMismatch',
        message:
          `The table "${tableName}" ${where} has the key schema ${found}, but Agentify needs ` +
          `${def.partitionKey.name} (${def.partitionKey.type}) + ${def.sortKey.name} (${def.sortKey.type}). ${hint}`,
        hint,
      };
    }
    const features = await describeTableFeatures(client, tableName, Table);
    const ready = `The table "${tableName}" ${where} is ready (${Table?.TableStatus ?? 'ACTIVE'}).`;
    return { ...base, state: 'ok', message: ready, features };
  }

  private publish(generation: number, status: TableStatus): void {
    if (generation !== this.generation || this.isDisposed) return;
    this._status = status;
    this._onDidChangeStatus.fire(status);
  }
}
