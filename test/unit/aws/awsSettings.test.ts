import { describe, expect, it } from 'vitest';
import { awsSettingsFor, LocalEndpointProvider } from '../../../src/aws/awsSettings';
import { AgentifySettings, resolveConfig } from '../../../src/config/agentifyConfig';

const configOf = (settings: AgentifySettings) => resolveConfig(settings, undefined).config;

// A stand-in for the embedded server: these tests check the mapping, not the server's start.
function provider(): LocalEndpointProvider & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    credentials: { accessKeyId: 'local-key', secretAccessKey: 'local-secret' },
    ensureStarted: async (t) => (started.push(t), 'http://127.0.0.1:4567'),
  };
}

describe('awsSettingsFor', () => {
  it('"local" starts the provider with the table and uses its endpoint and credentials, no profile', async () => {
    const local = provider();
    const config = configOf({ 'dynamodb.endpoint': 'local', 'dynamodb.tableName': 'runs', 'aws.profile': 'work' });
    const settings = await awsSettingsFor(config, local);
    expect(local.started).toEqual(['runs']);
    expect(settings).toEqual({
      region: config.infrastructure.dynamodb.region,
      endpoint: 'http://127.0.0.1:4567',
      staticCredentials: local.credentials,
    });
  });

  it('a URL or no endpoint goes through the credential chain with the profile, and starts nothing', async () => {
    const local = provider();
    const url = await awsSettingsFor(
      configOf({ 'dynamodb.endpoint': 'http://127.0.0.1:8000', 'aws.profile': 'work' }),
      local,
    );
    expect(url).toMatchObject({ endpoint: 'http://127.0.0.1:8000', profile: 'work' });
    expect(url.staticCredentials).toBeUndefined();
    const aws = await awsSettingsFor(configOf({ 'aws.region': 'eu-west-1' }), local);
    expect(aws).toMatchObject({ region: 'eu-west-1', endpoint: undefined });
    expect(local.started).toEqual([]);
  });
});
