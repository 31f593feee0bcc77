/**
 * The HTTP handler on a memory-only registry: status codes, JSON errors, read-only mode, and the
 * Lambda event shapes (the registrant is the IAM caller from the request context, never a header).
 */
import { describe, expect, it } from 'vitest';
import { toAgentCard } from '../../../src/registry/agentCard';
import { AgentRegistry } from '../../../src/registry/agentRegistry';
import { createRegistryHandler, HttpRequest } from '../../../src/registry/httpHandler';
import { fromLambdaEvent } from '../../../src/registry/lambdaEvent';

const unusedClients = {
  documentClient: () => Promise.reject(new Error('memory-only registries use no client')),
  client: () => Promise.reject(new Error('memory-only registries use no client')),
};
const memoryRegistry = () =>
  new AgentRegistry({ clients: unusedClients, tableName: () => 'AgentRegistry', memoryOnly: true });
const req = (method: string, path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method,
  path,
  query: {},
  principal: 'local',
  ...extra,
});
const profile = { id: 'planner', name: 'Planner', endpoint: 'https://agents.example.com/p', capabilities: ['plan'] };

describe('registry HTTP handler', () => {
  it('registers (201, then 200 on update), gets, discovers, lists and deregisters', async () => {
    const handle = createRegistryHandler(memoryRegistry());
    expect((await handle(req('POST', '/agents/register', { body: JSON.stringify({ profile }) }))).statusCode).toBe(201);
    expect((await handle(req('POST', '/agents/register', { body: JSON.stringify({ profile }) }))).statusCode).toBe(200);
    const got = await handle(req('GET', '/agents/planner'));
    expect(JSON.parse(got.body).agent).toMatchObject({ id: 'planner', stale: false });
    expect(got.headers['content-type']).toContain('application/json');
    expect(
      JSON.parse((await handle(req('GET', '/agents', { query: { capability: 'PLAN' } }))).body).agents,
    ).toHaveLength(1);
    expect(JSON.parse((await handle(req('GET', '/agents/', { query: { limit: '10' } }))).body).agents).toHaveLength(1);
    expect((await handle(req('DELETE', '/agents/planner'))).statusCode).toBe(200);
    expect((await handle(req('GET', '/agents/planner'))).statusCode).toBe(404);
  });

  it('refuses writes without a caller identity (401) and, when read-only, any write (405)', async () => {
    const handle = createRegistryHandler(memoryRegistry());
    const anonymous = await handle(
      req('POST', '/agents/register', { body: JSON.stringify({ profile }), principal: undefined }),
    );
    expect(anonymous.statusCode).toBe(401);
    expect(JSON.parse(anonymous.body).error.code).toBe('NoCallerIdentity');
    const readOnly = createRegistryHandler(memoryRegistry(), { mode: 'read' });
    const refused = await readOnly(req('POST', '/agents/register', { body: JSON.stringify({ profile }) }));
    expect(refused.statusCode).toBe(405);
    expect(refused.headers.allow).toBe('none');
    expect((await readOnly(req('DELETE', '/agents/planner'))).statusCode).toBe(405);
    expect((await readOnly(req('GET', '/agents'))).statusCode).toBe(200);
    const writeOnly = createRegistryHandler(memoryRegistry(), { mode: 'write' });
    expect((await writeOnly(req('GET', '/agents'))).statusCode).toBe(405);
  });

  it('answers an oversized or empty body with 400 naming the body, and writes nothing', async () => {
    const registry = memoryRegistry();
    const handle = createRegistryHandler(registry);
    const big = await handle(
      req('POST', '/agents/register', {
        body: JSON.stringify({ profile: { ...profile, description: 'x'.repeat(70_000) } }),
      }),
    );
    expect(big.statusCode).toBe(400);
    expect(JSON.parse(big.body).error).toMatchObject({ field: 'body', reason: 'too large' });
    expect(JSON.parse((await handle(req('POST', '/agents/register'))).body).error.field).toBe('body');
    expect(JSON.parse((await handle(req('POST', '/agents/register', { body: '[]' }))).body).error.field).toBe('body');
    expect(JSON.parse((await handle(req('POST', '/agents/register', { body: '{}' }))).body).error.field).toBe(
      'profile',
    );
    expect((await registry.list()).agents).toEqual([]);
  });

  it('takes the registrant from the IAM context of a function URL or REST event, never from a header', () => {
    const v2 = fromLambdaEvent({
      version: '2.0',
      rawPath: '/agents/register',
      body: Buffer.from('{"a":1}').toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: 'POST' }, authorizer: { iam: { userArn: 'arn:aws:iam::1:role/a' } } },
      ...({ headers: { 'x-agentify-registrant': 'spoofed' } } as object),
    });
    expect(v2).toEqual({
      method: 'POST',
      path: '/agents/register',
      query: {},
      body: '{"a":1}',
      principal: 'arn:aws:iam::1:role/a',
    });
    const v1 = fromLambdaEvent({
      httpMethod: 'GET',
      path: '/agents',
      queryStringParameters: { capability: 'x' },
      requestContext: { identity: { userArn: 'arn:aws:iam::1:user/b' } },
    });
    expect(v1).toEqual({
      method: 'GET',
      path: '/agents',
      query: { capability: 'x' },
      principal: 'arn:aws:iam::1:user/b',
    });
    expect(
      fromLambdaEvent({ rawPath: '/agents', requestContext: { http: { method: 'GET' } } }).principal,
    ).toBeUndefined();
  });
});

describe('A2A AgentCard', () => {
  it('maps a profile: url is the endpoint, skills keep their tags, untagged capabilities become skills', () => {
    const card = toAgentCard({
      id: 'w',
      name: 'Writer',
      endpoint: 'https://w.example.com/a2a',
      capabilities: ['draft', 'edit', 'translate'],
      skills: [{ id: 'drafting', name: 'Drafting', description: 'Drafts text', tags: ['draft', 'edit'] }],
      version: '2.1.0',
      registeredAt: 1,
      lastSeenAt: 1,
    });
    expect(card).toMatchObject({
      name: 'Writer',
      description: 'Writer',
      url: 'https://w.example.com/a2a',
      version: '2.1.0',
      protocolVersion: expect.any(String),
    });
    expect(card.skills).toEqual([
      { id: 'drafting', name: 'Drafting', description: 'Drafts text', tags: ['draft', 'edit'] },
      { id: 'translate', name: 'translate', description: 'translate', tags: ['translate'] },
    ]);
    expect(new Set(card.skills.flatMap((s) => s.tags))).toEqual(new Set(['draft', 'edit', 'translate']));
  });
});
