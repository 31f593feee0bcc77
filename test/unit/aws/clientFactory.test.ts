import { describe, expect, it } from 'vitest';
import { AwsClientFactory, AwsClientSettings } from '../../../src/aws/clientFactory';
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
    const a = await factory.getDynamoDbDocumentClientAsync();
    const b = await factory.getDynamoDbDocumentClientAsync();
    expect(a).toBe(b);
    expect(await factory.getDynamoDbClientAsync()).toBe(await factory.getDynamoDbClientAsync());
    expect(factory.builds).toBe(1);
    factory.dispose();
  });

  it('rebuilds when settings change and destroys the old client', async () => {
    let settings: AwsClientSettings = localSettings();
    const factory = new AwsClientFactory(() => settings);
    const first = await factory.getDynamoDbClientAsync();
    let destroyed = false;
    const destroy = first.destroy.bind(first);
    first.destroy = () => {
      destroyed = true;
      destroy();
    };
    settings = { ...settings, region: 'eu-west-1' };
    await factory.refresh();
    expect(destroyed).toBe(true);
    const second = await factory.getDynamoDbClientAsync();
    expect(second).not.toBe(first);
    expect(await second.config.region()).toBe('eu-west-1');
    expect(factory.builds).toBe(2);
    factory.dispose();
  });

  it('applies the endpoint override and the retry setting', async () => {
    const factory = new AwsClientFactory(() => ({ ...localSettings('http://127.0.0.1:4567'), maxAttempts: 5 }));
    const client = await factory.getDynamoDbClientAsync();
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
    const client = await factory.getDynamoDbClientAsync();
    await expect(client.config.credentials()).rejects.toThrow(
      /agentify-profile-that-does-not-exist|credentials|profile/i,
    );
    factory.dispose();
  });
});
