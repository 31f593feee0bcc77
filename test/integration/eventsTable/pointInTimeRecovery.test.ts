/**
 * Point-in-time recovery of the hardened table. DynamoDB Local has no continuous-backups API
 * (UpdateContinuousBackups / DescribeContinuousBackups answer UnknownOperationException, checked in
 * hardenedTable.test.ts), so this runs against moto's server on 127.0.0.1 instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { ensureEventsTable } from '../../../src/eventsTable/createEventsTable';
import { HARDENED_PARAMETERS, loadTableDefinition } from '../../../src/eventsTable/tableDefinition';
import { describeTableFeatures } from '../../../src/eventsTable/tableFeatures';
import { REPO_ROOT } from '../../support/localTable';
import { MotoServer, startMoto } from '../../support/motoServer';

let moto: MotoServer;
let factory: AwsClientFactory;

beforeAll(async () => {
  moto = await startMoto();
  factory = new AwsClientFactory(() => ({
    region: 'eu-west-1',
    endpoint: moto.endpoint,
    staticCredentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  }));
});

afterAll(async () => {
  factory?.dispose();
  await moto?.stop();
});

describe('point-in-time recovery (moto: DynamoDB Local lacks the API)', () => {
  it('is enabled for 35 days on the hardened table and reported by DescribeContinuousBackups', async () => {
    const client = await dynamoDbClient(factory);
    const created = await ensureEventsTable(client, 'pitr-events', loadTableDefinition(REPO_ROOT, HARDENED_PARAMETERS));
    expect(created).toBe(true);
    const out = await client.send(new DescribeContinuousBackupsCommand({ TableName: 'pitr-events' }));
    expect(out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription).toMatchObject({
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: 35,
    });
    const features = await describeTableFeatures(client, 'pitr-events');
    expect(features.pointInTimeRecovery).toEqual({ status: 'enabled', days: 35 });
  });

  it('stays off on the default table', async () => {
    const client = await dynamoDbClient(factory);
    await ensureEventsTable(client, 'plain-events', loadTableDefinition(REPO_ROOT));
    const features = await describeTableFeatures(client, 'plain-events');
    expect(features.pointInTimeRecovery).toEqual({ status: 'disabled' });
  });
});
