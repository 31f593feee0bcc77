/**
 * Deploys the real template through the CloudFormation API of moto's server (AWS emulator) on
 * 127.0.0.1: the real service cannot be reached from here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { deployEventsTableStack } from '../../../src/eventsTable/stackDeployer';
import { HARDENED_PARAMETERS, templatePath } from '../../../src/eventsTable/tableDefinition';
import { REPO_ROOT } from '../../support/localTable';
import { MotoServer, startMoto } from '../../support/motoServer';

let moto: MotoServer;
let endpoint: string;

beforeAll(async () => {
  moto = await startMoto();
  endpoint = moto.endpoint;
});

afterAll(() => moto?.stop());

describe('deployEventsTableStack (CloudFormation API on moto)', () => {
  it('creates the stack, reports outputs, and the table exists with the template key schema', async () => {
    const factory = new AwsClientFactory(() => ({
      region: 'eu-west-1',
      endpoint,
      staticCredentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    }));
    const progress: string[] = [];
    const result = await deployEventsTableStack(
      factory,
      {
        stackName: 'agentify-test',
        templateBody: readFileSync(templatePath(REPO_ROOT), 'utf8'),
        tableName: 'deployed-events',
      },
      (l) => progress.push(l),
    );
    expect(result.action).toBe('created');
    expect(result.stackStatus).toBe('CREATE_COMPLETE');
    expect(result.outputs.TableName).toBe('deployed-events');
    expect(result.outputs.TableArn).toMatch(/^arn:aws:dynamodb:eu-west-1:\d+:table\/deployed-events$/);
    expect(result.outputs.StreamArn).toBeUndefined();
    expect(progress[0]).toMatch(/Creating stack agentify-test/);
    const { Table } = await (
      await dynamoDbClient(factory)
    ).send(new DescribeTableCommand({ TableName: 'deployed-events' }));
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['workflow_id', 'timestamp']);

    const again = await deployEventsTableStack(factory, {
      stackName: 'agentify-test',
      templateBody: readFileSync(templatePath(REPO_ROOT), 'utf8'),
      tableName: 'deployed-events',
    });
    expect(['updated', 'unchanged']).toContain(again.action);
    factory.dispose();
  });

  it('deploys the hardened variant: both indexes, the stream and its ARN output, deletion protection', async () => {
    const factory = new AwsClientFactory(() => ({
      region: 'eu-west-1',
      endpoint,
      staticCredentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    }));
    const result = await deployEventsTableStack(factory, {
      stackName: 'agentify-hardened',
      templateBody: readFileSync(templatePath(REPO_ROOT), 'utf8'),
      tableName: 'hardened-events',
      parameters: HARDENED_PARAMETERS,
    });
    expect(result.stackStatus).toBe('CREATE_COMPLETE');
    expect(result.outputs.StreamArn).toMatch(/table\/hardened-events\/stream\//);
    expect(result.outputs.TtlDays).toBe('30');
    const { Table } = await (
      await dynamoDbClient(factory)
    ).send(new DescribeTableCommand({ TableName: 'hardened-events' }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType])).toEqual([
      ['EventTypeIndex', 'ALL'],
      ['StatusIndex', 'ALL'],
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(Table?.DeletionProtectionEnabled).toBe(true);
    // moto's CloudFormation does not apply PointInTimeRecoverySpecification; PITR is checked
    // against moto's DynamoDB API in test/integration/eventsTable/hardenedTable.test.ts.
    factory.dispose();
  });

  it('fails with a message that says where to look when the template is invalid', async () => {
    const factory = new AwsClientFactory(() => ({
      region: 'eu-west-1',
      endpoint,
      staticCredentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    }));
    await expect(
      deployEventsTableStack(factory, {
        stackName: 'agentify-broken',
        templateBody: 'not: [valid',
        tableName: 'x',
      }),
    ).rejects.toThrow(/Deploying the stack "agentify-broken" failed.*CloudFormation console/s);
    factory.dispose();
  });
});
