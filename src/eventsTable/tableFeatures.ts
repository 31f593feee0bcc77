/**
 * Which hardening features a live table has, as DynamoDB reports them: its global secondary
 * indexes, stream, TTL, point-in-time recovery and deletion protection. Shown by Show Status, and
 * used to decide whether the team history can be read from the runs index.
 */
import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';

export interface TableFeatures {
  /** Names of the ACTIVE (or still building) global secondary indexes. */
  indexes: { name: string; status: string }[];
  stream?: { viewType: string; arn?: string };
  ttl: { attribute?: string; status: string };
  /** 'unknown' when the server has no such API (DynamoDB Local) or the caller may not read it. */
  pointInTimeRecovery: { status: 'enabled' | 'disabled' | 'unknown'; days?: number; note?: string };
  deletionProtection: boolean;
}

/** Features from a DescribeTable result plus the two calls DescribeTable does not cover. */
export async function describeTableFeatures(
  client: DynamoDBClient,
  tableName: string,
  table?: TableDescription,
): Promise<TableFeatures> {
  const sdk = await import('@aws-sdk/client-dynamodb');
  const described = table ?? (await client.send(new sdk.DescribeTableCommand({ TableName: tableName }))).Table;
  const [ttl, pitr] = await Promise.all([
    client.send(new sdk.DescribeTimeToLiveCommand({ TableName: tableName })).then(
      (r) => ({
        attribute: r.TimeToLiveDescription?.AttributeName,
        status: r.TimeToLiveDescription?.TimeToLiveStatus ?? 'DISABLED',
      }),
      (err: Error) => ({ attribute: undefined, status: `unknown (${err.name})` }),
    ),
    client.send(new sdk.DescribeContinuousBackupsCommand({ TableName: tableName })).then(
      (r): TableFeatures['pointInTimeRecovery'] => {
        const d = r.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
        return d?.PointInTimeRecoveryStatus === 'ENABLED'
          ? { status: 'enabled', days: d.RecoveryPeriodInDays ?? 35 }
          : { status: 'disabled' };
      },
      (err: Error): TableFeatures['pointInTimeRecovery'] => ({
        status: 'unknown',
        note:
          err.name === 'UnknownOperationException'
            ? 'this server has no point-in-time recovery (DynamoDB Local)'
            : `could not be read (${err.name}); dynamodb:DescribeContinuousBackups is needed`,
      }),
    ),
  ]);
  const spec = described?.StreamSpecification;
  return {
    indexes: (described?.GlobalSecondaryIndexes ?? []).map((i) => ({
      name: i.IndexName ?? '?',
      status: i.IndexStatus ?? '?',
    })),
    stream: spec?.StreamEnabled ? { viewType: spec.StreamViewType ?? '?', arn: described?.LatestStreamArn } : undefined,
    ttl,
    pointInTimeRecovery: pitr,
    deletionProtection: described?.DeletionProtectionEnabled === true,
  };
}

/** One line per feature, for Show Status. */
export function formatTableFeatures(f: TableFeatures): string[] {
  const pitr = f.pointInTimeRecovery;
  const pitrText =
    pitr.status === 'enabled' ? `on (${pitr.days} days)` : pitr.status === 'disabled' ? 'off' : `unknown: ${pitr.note}`;
  return [
    `indexes      ${f.indexes.length ? f.indexes.map((i) => `${i.name} (${i.status})`).join(', ') : 'none'}`,
    `stream       ${f.stream ? `${f.stream.viewType}${f.stream.arn ? ` ${f.stream.arn}` : ''}` : 'off'}`,
    `ttl          ${f.ttl.status}${f.ttl.attribute ? ` on "${f.ttl.attribute}"` : ''}`,
    `pitr         ${pitrText}`,
    `deletion     ${f.deletionProtection ? 'protected' : 'not protected'}`,
  ];
}

/** Names of the table's global secondary indexes (one DescribeTable). */
export async function tableIndexNames(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? '');
}
