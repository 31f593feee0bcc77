/**
 * Survives a cold start: an agent registered through the Lambda handler in one process is found
 * by a fresh process (new handler module, new service instance) discovering by capability. The
 * events have the function URL shape, the caller identity in the IAM authorizer context.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Each request starts a Node process of its own (a few seconds each on a loaded machine).
const SLOW = { timeout: 120_000 };
import type { LambdaHttpEvent } from '../../../src/registry/lambdaEvent';
import { LOCAL_CREDENTIALS } from '../../../src/localDb/localDynamoDb';
import { REPO_ROOT } from '../../support/localTable';
import { RegistryFixture, profile, registryFixture } from './registryHarness';

const run = promisify(execFile);
let fx: RegistryFixture;
let env: NodeJS.ProcessEnv;

const urlEvent = (
  method: string,
  rawPath: string,
  options: { body?: unknown; query?: Record<string, string>; caller?: string } = {},
): LambdaHttpEvent => ({
  version: '2.0',
  rawPath,
  queryStringParameters: options.query,
  body: options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)).toString('base64'),
  isBase64Encoded: options.body !== undefined,
  requestContext: {
    http: { method, path: rawPath },
    authorizer: options.caller ? { iam: { userArn: options.caller } } : null,
  },
});

/** One event through a brand-new Node process running the Lambda entry. */
async function inFreshProcess(event: LambdaHttpEvent): Promise<{ statusCode: number; body: string }> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'lambdaProcess.ts'), JSON.stringify(event)],
    { cwd: REPO_ROOT, env, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

beforeAll(async () => {
  fx = await registryFixture();
  env = {
    ...process.env,
    REGISTRY_TABLE_NAME: fx.tableName,
    REGISTRY_MODE: 'all',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
});
afterAll(() => fx?.dispose());

describe('the registry across processes', () => {
  it('an agent registered through one process is discovered by a fresh one', SLOW, async () => {
    const caller = 'arn:aws:sts::123456789012:assumed-role/agents/planner';
    const registered = await inFreshProcess(
      urlEvent('POST', '/agents/register', { body: { profile: profile('cold-planner', ['plan', 'route']) }, caller }),
    );
    expect(registered.statusCode).toBe(201);

    const found = await inFreshProcess(urlEvent('GET', '/agents', { query: { capability: 'route' } }));
    expect(found.statusCode).toBe(200);
    expect(JSON.parse(found.body).agents).toEqual([
      expect.objectContaining({
        id: 'cold-planner',
        endpoint: 'https://agents.example.com/cold-planner',
        capabilities: ['plan', 'route'],
      }),
    ]);

    // And a service in this process, built from nothing but the table name, sees the same agent.
    expect((await fx.registry().get('cold-planner'))?.name).toBe('Agent cold-planner');
  });

  it('an agent registered by the Python package is discovered by the Lambda in a fresh process', SLOW, async () => {
    const script = [
      'import sys',
      "sys.path.insert(0, 'python-decorators')",
      'from agentify import registry',
      "ok = registry.register('py-cold', 'Py', 'https://py.example.com/a2a', ['Python-Tools'], version='3')",
      'print(ok)',
    ].join('\n');
    const pyEnv = {
      ...env,
      AGENTIFY_REGISTRY_TABLE: fx.tableName,
      AGENTIFY_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      AGENTIFY_TABLE_REGION: 'us-east-1',
      AGENTIFY_REGISTRY_OWNER: 'python-owner',
    };
    const { stdout } = await run('python3', ['-c', script], { cwd: REPO_ROOT, env: pyEnv, timeout: 60_000 });
    expect(stdout.trim()).toBe('True');
    const found = await inFreshProcess(urlEvent('GET', '/agents', { query: { capability: 'python-tools' } }));
    expect(JSON.parse(found.body).agents).toEqual([
      expect.objectContaining({ id: 'py-cold', endpoint: 'https://py.example.com/a2a', version: '3', stale: false }),
    ]);
  });

  it('the owner is the IAM caller of the request: another caller cannot take the id over', SLOW, async () => {
    const owner = 'arn:aws:iam::123456789012:role/owner';
    expect(
      (
        await inFreshProcess(
          urlEvent('POST', '/agents/register', { body: { profile: profile('cold-owned', ['pay']) }, caller: owner }),
        )
      ).statusCode,
    ).toBe(201);
    const stolen = await inFreshProcess(
      urlEvent('POST', '/agents/register', {
        body: { profile: { ...profile('cold-owned', ['pay']), endpoint: 'https://evil.example.com' } },
        caller: 'arn:aws:iam::999999999999:role/evil',
      }),
    );
    expect(stolen.statusCode).toBe(403);
    expect(JSON.parse(stolen.body).error.code).toBe('NotOwner');
    const anonymous = await inFreshProcess(urlEvent('DELETE', '/agents/cold-owned'));
    expect(anonymous.statusCode).toBe(401);
    expect((await fx.registry().get('cold-owned'))?.endpoint).toBe('https://agents.example.com/cold-owned');
  });

  it(
    'a read-only deployment refuses writes and a missing table is a 503 that says how to create it',
    SLOW,
    async () => {
      const readOnly = { ...env, REGISTRY_MODE: 'read' };
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(__dirname, 'lambdaProcess.ts'),
          JSON.stringify(
            urlEvent('POST', '/agents/register', { body: { profile: profile('ro', ['x']) }, caller: 'arn:x' }),
          ),
        ],
        { cwd: REPO_ROOT, env: readOnly },
      );
      const refused = JSON.parse(stdout);
      expect(refused.statusCode).toBe(405);
      expect(JSON.parse(refused.body).error.message).toContain('read-only');

      const missing = { ...env, REGISTRY_TABLE_NAME: 'agentify-registry-absent' };
      const out = await run(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'lambdaProcess.ts'), JSON.stringify(urlEvent('GET', '/agents/a'))],
        { cwd: REPO_ROOT, env: missing },
      );
      const res = JSON.parse(out.stdout);
      expect(res.statusCode).toBe(503);
      expect(JSON.parse(res.body).error.message).toContain('does not exist');
      expect(JSON.parse(res.body).error.message).not.toContain('memory');
    },
  );
});
