/**
 * `npm run registry` as users run it: the script starts, prints its URL on 127.0.0.1, serves the
 * API over HTTP against a DynamoDB server, answers bad input with the field and the reason, and
 * stops on Ctrl+C (SIGINT) with everything it started.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT, uniqueTableName } from '../../support/localTable';

let child: ChildProcess;
let output = '';
let url = '';

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  child = spawn(
    process.execPath,
    [
      'scripts/registry.mjs',
      '--endpoint',
      inject('dynamoEndpoint'),
      '--table',
      uniqueTableName('agentify-registry'),
      '--port',
      '0',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  url = await until('the registry URL', () => /registry (http:\/\/\S+)/.exec(output)?.[1]);
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

const call = async (method: string, p: string, body?: unknown, registrant?: string) => {
  const res = await fetch(url + p, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: registrant ? { 'x-agentify-registrant': registrant } : {},
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('npm run registry', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const port = Number(new URL(url).port);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: external.address, port }, () => resolve(false));
        socket.on('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('registers, discovers, serves the AgentCard, and keeps another registrant out', async () => {
    const agent = {
      id: 'local-writer',
      name: 'Writer',
      endpoint: 'http://127.0.0.1:7000/a2a',
      capabilities: ['write'],
      skills: [{ id: 'draft', name: 'Draft', tags: ['draft', 'write'] }],
    };
    expect((await call('POST', '/agents/register', { profile: agent }, 'ann')).status).toBe(201);
    const found = await call('GET', '/agents?capability=draft');
    expect(found.body.agents.map((a: { id: string }) => a.id)).toEqual(['local-writer']);
    const card = await call('GET', '/agents/local-writer/card');
    expect(card.body).toMatchObject({
      name: 'Writer',
      url: 'http://127.0.0.1:7000/a2a',
      skills: [{ id: 'draft', tags: ['draft', 'write'] }],
    });
    const takeover = await call(
      'POST',
      '/agents/register',
      { profile: { ...agent, endpoint: 'https://evil.example.com' } },
      'bob',
    );
    expect(takeover.status).toBe(403);
    expect((await call('DELETE', '/agents/local-writer', undefined, 'bob')).status).toBe(403);
    expect((await call('POST', '/agents/local-writer/heartbeat', undefined, 'ann')).status).toBe(200);
    expect((await call('DELETE', '/agents/local-writer', undefined, 'ann')).status).toBe(200);
    expect((await call('GET', '/agents/local-writer')).status).toBe(404);
  });

  it('answers bad input on every endpoint with the field and the reason', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/agents/register', '{not json', 400, 'body'],
      ['POST', '/agents/register', { profile: { name: 'n', endpoint: 'https://a.example' } }, 400, 'id'],
      ['POST', '/agents/register', { profile: { id: 'a', endpoint: 'https://a.example' } }, 400, 'name'],
      ['POST', '/agents/register', { profile: { id: 'a', name: 'n' } }, 400, 'endpoint'],
      ['POST', '/agents/register', { profile: { id: 'a', name: 'n', endpoint: 'not a url' } }, 400, 'endpoint'],
      ['POST', '/agents/register', { profile: { id: 'a', name: 'n', endpoint: 'http://10.0.0.1/x' } }, 400, 'endpoint'],
      [
        'POST',
        '/agents/register',
        {
          profile: {
            id: 'a',
            name: 'n',
            endpoint: 'https://a.example',
            capabilities: Array.from({ length: 33 }, (_, i) => `c${i}`),
          },
        },
        400,
        'capabilities',
      ],
      [
        'POST',
        '/agents/register',
        { profile: { id: 'a', name: 'n', endpoint: 'https://a.example', capabilities: ['x'.repeat(65)] } },
        400,
        'capabilities[0]',
      ],
      ['GET', '/agents?capability=' + encodeURIComponent('#agent'), undefined, 400, 'capability'],
      ['GET', '/agents?limit=0', undefined, 400, 'limit'],
      ['GET', '/agents?cursor=zzz', undefined, 400, 'cursor'],
      ['GET', '/agents/' + encodeURIComponent('bad id!'), undefined, 400, 'id'],
      ['GET', '/agents/' + encodeURIComponent('bad#id') + '/card', undefined, 400, 'id'],
      ['POST', '/agents/' + encodeURIComponent('a b') + '/heartbeat', undefined, 400, 'id'],
      ['DELETE', '/agents/' + encodeURIComponent('a/b'), undefined, 400, 'id'],
      ['DELETE', '/agents/nobody', undefined, 404, ''],
      ['PUT', '/agents', undefined, 405, ''],
      ['GET', '/elsewhere', undefined, 404, ''],
    ];
    for (const [method, p, body, status, field] of cases) {
      const res = await call(method, p, body, 'ann');
      expect({ method, p, status: res.status, field: res.body.error?.field ?? '' }).toEqual({
        method,
        p,
        status,
        field,
      });
      expect(res.body.error.message).toBeTruthy();
      if (status === 400) expect(res.body.error.reason).toBeTruthy();
    }
    expect((await call('GET', '/agents')).body.agents).toEqual([]);
  });

  it('stops on Ctrl+C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('registry stopped');
  });
});
