import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TABLE_NAME,
  DEFAULT_WORKFLOW_ENTRY,
  configFileContent,
  deepFreeze,
  resolveConfig,
  withEventsTable,
} from '../../../src/config/agentifyConfig';

describe('resolveConfig', () => {
  it('uses defaults when nothing is set', () => {
    const { config, problems } = resolveConfig({}, undefined);
    expect(problems).toEqual([]);
    expect(config.infrastructure.dynamodb).toEqual({
      tableName: DEFAULT_TABLE_NAME,
      region: 'us-east-1',
      endpoint: '',
      ttlDays: 1,
    });
    expect(config.workflow).toEqual({ entry: DEFAULT_WORKFLOW_ENTRY, stdoutEvents: true, timeoutSeconds: 0 });
    expect(config.aws.profile).toBeUndefined();
  });

  it('takes VS Code settings over defaults, treating blank strings as unset', () => {
    const { config } = resolveConfig(
      {
        'dynamodb.tableName': 'from-settings',
        'aws.region': 'eu-west-1',
        'aws.profile': '  ',
        'python.path': '/usr/bin/python3',
      },
      undefined,
    );
    expect(config.infrastructure.dynamodb.tableName).toBe('from-settings');
    expect(config.infrastructure.dynamodb.region).toBe('eu-west-1');
    expect(config.aws.profile).toBeUndefined();
    expect(config.python.path).toBe('/usr/bin/python3');
  });

  it('lets .agentify/config.json win over settings, key by key', () => {
    const file = JSON.stringify({
      infrastructure: { dynamodb: { tableName: 'from-file', endpoint: 'local' } },
      aws: { profile: 'team' },
    });
    const { config, problems } = resolveConfig(
      { 'dynamodb.tableName': 'from-settings', 'aws.region': 'eu-west-1' },
      file,
    );
    expect(problems).toEqual([]);
    expect(config.infrastructure.dynamodb).toEqual({
      tableName: 'from-file',
      region: 'eu-west-1',
      endpoint: 'local',
      ttlDays: 1,
    });
    expect(config.aws.profile).toBe('team');
  });

  it('reports invalid JSON with the file, the problem and the fix, and falls back to settings', () => {
    const { config, problems } = resolveConfig(
      { 'dynamodb.tableName': 'from-settings' },
      '{ "infrastructure": ',
      '.agentify/config.json',
    );
    expect(config.infrastructure.dynamodb.tableName).toBe('from-settings');
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe('.agentify/config.json');
    expect(problems[0].message).toMatch(/not valid JSON/);
    expect(problems[0].message).toMatch(/Fix the syntax or delete the file/);
  });

  it('reports a key of the wrong type and ignores only that key', () => {
    const file = JSON.stringify({ infrastructure: { dynamodb: { tableName: 42, region: 'ap-south-1' } } });
    const { config, problems } = resolveConfig({}, file);
    expect(config.infrastructure.dynamodb.tableName).toBe(DEFAULT_TABLE_NAME);
    expect(config.infrastructure.dynamodb.region).toBe('ap-south-1');
    expect(problems[0].message).toMatch(/"infrastructure.dynamodb.tableName" must be a string, but is 42/);
  });

  it('rejects a file that is not an object', () => {
    expect(resolveConfig({}, '[1,2]').problems[0].message).toMatch(/must contain a JSON object/);
  });

  it('rejects an endpoint that is neither a URL nor "local"', () => {
    const { config, problems } = resolveConfig({ 'dynamodb.endpoint': 'localhost:8000' }, undefined);
    expect(config.infrastructure.dynamodb.endpoint).toBe('');
    expect(problems[0].message).toMatch(/neither a URL .* nor "local"/);
  });

  it("keeps the settings' endpoint when the file's is malformed, and says which to fix", () => {
    const file = JSON.stringify({
      infrastructure: { dynamodb: { endpoint: 'localhost:8000', tableName: 'from-file' } },
    });
    const { config, problems } = resolveConfig(
      { 'dynamodb.endpoint': 'http://127.0.0.1:8000' },
      file,
      '.agentify/config.json',
    );
    expect(config.infrastructure.dynamodb).toMatchObject({ endpoint: 'http://127.0.0.1:8000', tableName: 'from-file' });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(
      /\.agentify\/config\.json: The DynamoDB endpoint "localhost:8000" is neither a URL/,
    );
    expect(problems[0].message).toContain(
      'Fix "infrastructure.dynamodb.endpoint" or remove it; the agentify.dynamodb.endpoint setting is used meanwhile',
    );
    // "local" in the settings survives a broken file too; a blank endpoint in the file still means AWS.
    expect(resolveConfig({ 'dynamodb.endpoint': 'local' }, file).config.infrastructure.dynamodb.endpoint).toBe('local');
    const blank = JSON.stringify({ infrastructure: { dynamodb: { endpoint: '' } } });
    expect(resolveConfig({ 'dynamodb.endpoint': 'local' }, blank).config.infrastructure.dynamodb.endpoint).toBe('');
  });

  it('changes the events table on a copy, so a change to the current config is one a reload can see', () => {
    const current = deepFreeze(resolveConfig({ 'dynamodb.tableName': 'runs' }, undefined).config);
    const before = JSON.stringify(current);
    const local = withEventsTable(current, { endpoint: 'local' });
    expect(local.infrastructure.dynamodb).toEqual({ ...current.infrastructure.dynamodb, endpoint: 'local' });
    expect(local.workflow).toEqual(current.workflow);
    expect(JSON.stringify(current)).toBe(before);
    // What Initialize Project did before: writing into the current config now fails at the write.
    expect(() => {
      (current.infrastructure.dynamodb as { endpoint: string }).endpoint = 'local';
    }).toThrow(TypeError);
    expect(JSON.stringify(current)).toBe(before);
  });

  it('writes a config file that reads back to the same values', () => {
    const { config } = resolveConfig(
      { 'dynamodb.tableName': 't1', 'aws.region': 'eu-north-1', 'aws.profile': 'p', 'dynamodb.endpoint': 'local' },
      undefined,
    );
    const again = resolveConfig({}, configFileContent(config)).config;
    expect(again.infrastructure.dynamodb).toEqual(config.infrastructure.dynamodb);
    expect(again.aws.profile).toBe('p');
  });

  it('reads the index owner and the TTL days, ignoring a TTL outside 1..365', () => {
    const set = resolveConfig({ 'dynamodb.owner': ' team-a ', 'dynamodb.ttlDays': 30 }, undefined).config;
    expect(set.infrastructure.dynamodb).toMatchObject({ owner: 'team-a', ttlDays: 30 });
    const bad = resolveConfig({ 'dynamodb.owner': '  ', 'dynamodb.ttlDays': 0 }, undefined).config;
    expect(bad.infrastructure.dynamodb.owner).toBeUndefined();
    expect(bad.infrastructure.dynamodb.ttlDays).toBe(1);
    const file = JSON.stringify({ infrastructure: { dynamodb: { owner: 'from-file', ttlDays: 7 } } });
    expect(resolveConfig({}, file).config.infrastructure.dynamodb).toMatchObject({ owner: 'from-file', ttlDays: 7 });
  });
});
