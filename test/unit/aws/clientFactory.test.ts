import { describe, expect, it } from 'vitest';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { AwsClientFactory, AwsClientSettings, ClientTarget, dynamoDbClient } from '../../../src/aws/clientFactory';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/localDb/localDynamoDb';

// Settings only: these tests build clients and read their configuration; none sends a request.
const localSettings = (endpoint = 'http://127.0.0.1:9'): AwsClientSettings => ({
  region: LOCAL_REGION,
  endpoint,
  staticCredentials: LOCAL_CREDENTIALS,
});

describe('AwsClientFactory', () => {
  it('builds one client per (profile, region, endpoint) and reuses it', async () => {
    const factory = new AwsClientFactory(() => localSettings());
    const a = await factory.documentClient();
    const b = await factory.documentClient();
    expect(a).toBe(b);
    expect(await dynamoDbClient(factory)).toBe(await dynamoDbClient(factory));
    expect(factory.builds).toBe(1);
    factory.dispose();
  });

  it('rebuilds when settings change and destroys the old client', async () => {
    let settings: AwsClientSettings = localSettings();
    const factory = new AwsClientFactory(() => settings);
    const first = await dynamoDbClient(factory);
    let destroyed = false;
    const destroy = first.destroy.bind(first);
    first.destroy = () => {
      destroyed = true;
      destroy();
    };
    settings = { ...settings, region: 'eu-west-1' };
    await factory.refresh();
    expect(destroyed).toBe(true);
    const second = await dynamoDbClient(factory);
    expect(second).not.toBe(first);
    expect(await second.config.region()).toBe('eu-west-1');
    expect(factory.builds).toBe(2);
    factory.dispose();
  });

  it('applies the endpoint override and the retry setting', async () => {
    const factory = new AwsClientFactory(() => ({ ...localSettings('http://127.0.0.1:4567'), maxAttempts: 5 }));
    const client = await dynamoDbClient(factory);
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:4567');
    expect(await client.config.maxAttempts()).toBe(5);
    factory.dispose();
  });

  it('uses the credential chain with the named profile when no static credentials are given', async () => {
    const factory = new AwsClientFactory(() => ({
      region: 'us-east-1',
      profile: 'agentify-profile-that-does-not-exist',
      endpoint: 'http://127.0.0.1:9',
    }));
    const client = await dynamoDbClient(factory);
    await expect(client.config.credentials()).rejects.toThrow(
      /agentify-profile-that-does-not-exist|credentials|profile/i,
    );
    factory.dispose();
  });

  it('builds any client class once per settings, and the document client over the same DynamoDBClient', async () => {
    const factory = new AwsClientFactory(() => localSettings());
    const sfn = await factory.client(SFNClient);
    expect(sfn).toBeInstanceOf(SFNClient);
    expect(await factory.client(SFNClient)).toBe(sfn);
    const dynamo = await factory.client(DynamoDBClient);
    expect(await dynamoDbClient(factory)).toBe(dynamo);
    expect((await factory.documentClient()).config).toBe(dynamo.config);
    expect(factory.builds).toBe(2);
    factory.dispose();
  });

  it('keeps clients "on AWS" apart: never the endpoint override or the local credentials', async () => {
    const read: ClientTarget[] = [];
    const factory = new AwsClientFactory((target) => {
      read.push(target);
      return target === 'aws' ? { region: 'eu-central-1', profile: 'team' } : localSettings('http://127.0.0.1:4567');
    });
    const bedrock = await factory.client(BedrockRuntimeClient, 'aws');
    expect(await bedrock.config.region()).toBe('eu-central-1');
    expect(bedrock.config.endpoint).toBeUndefined();
    const local = await factory.client(BedrockRuntimeClient);
    expect(local).not.toBe(bedrock);
    const endpoint = await local.config.endpoint!();
    expect(`${endpoint.hostname}:${endpoint.port}`).toBe('127.0.0.1:4567');
    expect(read).toEqual(['aws', 'configured']);
    factory.dispose();
  });
});
