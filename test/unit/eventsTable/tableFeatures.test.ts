import { describe, expect, it } from 'vitest';
import { formatTableFeatures, TableFeatures } from '../../../src/eventsTable/tableFeatures';
import { resolveConfig } from '../../../src/config/agentifyConfig';
import { formatStatusReport } from '../../../src/status/statusReport';

const hardened: TableFeatures = {
  indexes: [
    { name: 'EventTypeIndex', status: 'ACTIVE' },
    { name: 'StatusIndex', status: 'CREATING' },
  ],
  stream: { viewType: 'NEW_IMAGE', arn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/2026' },
  ttl: { attribute: 'ttl', status: 'ENABLED' },
  pointInTimeRecovery: { status: 'enabled', days: 35 },
  deletionProtection: true,
};

describe('Show Status: the table’s hardening features', () => {
  it('names each feature the table has', () => {
    expect(formatTableFeatures(hardened)).toEqual([
      'indexes      EventTypeIndex (ACTIVE), StatusIndex (CREATING)',
      'stream       NEW_IMAGE arn:aws:dynamodb:us-east-1:1:table/t/stream/2026',
      'ttl          ENABLED on "ttl"',
      'pitr         on (35 days)',
      'deletion     protected',
    ]);
  });

  it('says what is off, and why PITR is unknown', () => {
    const plain: TableFeatures = {
      indexes: [],
      ttl: { status: 'DISABLED' },
      pointInTimeRecovery: { status: 'unknown', note: 'this server has no point-in-time recovery (DynamoDB Local)' },
      deletionProtection: false,
    };
    expect(formatTableFeatures(plain)).toEqual([
      'indexes      none',
      'stream       off',
      'ttl          DISABLED',
      'pitr         unknown: this server has no point-in-time recovery (DynamoDB Local)',
      'deletion     not protected',
    ]);
  });

  it('are part of the status report when the table is usable', () => {
    const { config } = resolveConfig({}, undefined);
    const table = { state: 'ok' as const, tableName: 't', region: 'us-east-1', message: 'ready', features: hardened };
    const report = formatStatusReport({ config, problems: [], table });
    expect(report).toContain('  indexes      EventTypeIndex (ACTIVE), StatusIndex (CREATING)');
    expect(report).toContain('  pitr         on (35 days)');
    expect(formatStatusReport({ config, problems: [], table: { ...table, features: undefined } })).not.toContain(
      'indexes',
    );
  });
});
