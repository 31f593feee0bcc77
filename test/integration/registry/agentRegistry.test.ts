/**
 * The registry against DynamoDB Local: register, get, discover by capability, updates that
 * remove a capability, deregister, pagination, heartbeat and stale marking, and who may change
 * an agent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CAPABILITY_INDEX } from '../../../src/registry/items';
import { RegistryError } from '../../../src/registry/errors';
import { RegistryFixture, ids, profile, registryFixture } from './registryHarness';

let fx: RegistryFixture;

beforeAll(async () => {
  fx = await registryFixture();
});
afterAll(() => fx?.dispose());

/** Every item the index holds for a capability: what a discover() reads, straight from the table. */
async function indexed(capability: string): Promise<string[]> {
  const doc = await fx.factory.documentClient();
  const res = await doc.send(
    new QueryCommand({
      TableName: fx.tableName,
      IndexName: CAPABILITY_INDEX,
      KeyConditionExpression: 'capability = :c',
      ExpressionAttributeValues: { ':c': capability },
    }),
  );
  return (res.Items ?? []).map((i) => i.id as string).sort();
}

describe('AgentRegistry on a DynamoDB table', () => {
  it('registers, gets and discovers several agents by several capabilities, from the table', async () => {
    const registry = fx.registry();
    await registry.register(profile('search-1', ['search', 'web']), 'alice');
    await registry.register(profile('search-2', ['Search', 'summarize']), 'alice');
    await registry.register(
      profile('writer', ['summarize', 'write'], { description: 'Writes reports', version: '1.2.0' }),
      'bob',
    );
    expect(registry.mode).toBe('table');

    const writer = await registry.get('writer');
    expect(writer).toMatchObject({
      id: 'writer',
      name: 'Agent writer',
      endpoint: 'https://agents.example.com/writer',
      capabilities: ['summarize', 'write'],
      description: 'Writes reports',
      version: '1.2.0',
      stale: false,
    });
    expect(writer?.registeredAt).toBeGreaterThan(0);
    expect(ids(await registry.discover('search'))).toEqual(['search-1', 'search-2']);
    expect(ids(await registry.discover('SUMMARIZE'))).toEqual(['search-2', 'writer']);
    expect(ids(await registry.discover('write'))).toEqual(['writer']);
    expect(await registry.discover('translate')).toEqual([]);
    // Whole profiles come back from the one Query (the index carries them).
    expect((await registry.discover('write'))[0]).toMatchObject({
      name: 'Agent writer',
      description: 'Writes reports',
    });
    expect(fx.messages).toEqual([]);
  });

  it('an update that drops a capability removes it from discovery, and keeps registeredAt', async () => {
    let now = 1_000_000;
    const registry = fx.registry({ now: () => now });
    await registry.register(profile('mover', ['alpha', 'beta', 'gamma']), 'carol');
    now += 5000;
    const { created, agent } = await registry.register(profile('mover', ['beta', 'delta']), 'carol');
    expect(created).toBe(false);
    expect(agent).toMatchObject({ registeredAt: 1_000_000, lastSeenAt: 1_005_000, capabilities: ['beta', 'delta'] });
    expect(await indexed('alpha')).toEqual([]);
    expect(await indexed('gamma')).toEqual([]);
    expect(await indexed('beta')).toEqual(['mover']);
    expect(ids(await registry.discover('delta'))).toEqual(['mover']);
  });

  it('deregister removes the profile and every capability item; a second deregister finds nothing', async () => {
    const registry = fx.registry();
    await registry.register(profile('leaver', ['leaving', 'going']), 'dave');
    expect(await registry.deregister('leaver', 'dave')).toBe(true);
    expect(await registry.get('leaver')).toBeUndefined();
    expect(await indexed('leaving')).toEqual([]);
    expect(await indexed('going')).toEqual([]);
    expect(await registry.deregister('leaver', 'dave')).toBe(false);
  });

  it('a second registrant can neither take over, heartbeat nor remove an agent', async () => {
    const registry = fx.registry();
    await registry.register(profile('owned', ['pay']), 'arn:aws:iam::111111111111:role/good');
    const takeover = registry.register(
      { ...profile('owned', ['pay']), endpoint: 'https://evil.example.com/steal' },
      'arn:aws:iam::222222222222:role/evil',
    );
    await expect(takeover).rejects.toMatchObject({ code: 'NotOwner', status: 403 });
    await expect(registry.heartbeat('owned', 'arn:aws:iam::222222222222:role/evil')).rejects.toBeInstanceOf(
      RegistryError,
    );
    await expect(registry.deregister('owned', 'arn:aws:iam::222222222222:role/evil')).rejects.toMatchObject({
      code: 'NotOwner',
    });
    expect((await registry.get('owned'))?.endpoint).toBe('https://agents.example.com/owned');
    expect(ids(await registry.discover('pay'))).toEqual(['owned']);
  });

  it('two registrants racing for a new id: exactly one owns it, the other is refused', async () => {
    const registry = fx.registry();
    const results = await Promise.allSettled(
      ['r1', 'r2', 'r3', 'r4'].map((owner) =>
        registry.register({ ...profile('contested', ['race']), name: owner }, owner),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'NotOwner' });
    const winner = (won[0] as PromiseFulfilledResult<{ agent: { name: string } }>).value.agent.name;
    expect((await registry.get('contested'))?.name).toBe(winner);
  });

  it('concurrent registrations of one id: the last commit wins, the index holds exactly its capabilities', async () => {
    const sets = Array.from({ length: 8 }, (_, i) => [`cc-${i}`, `cc-${(i + 1) % 8}`, 'cc-all']);
    // Two registries (two processes' worth of clients) writing at once.
    const a = fx.registry();
    const b = fx.registry();
    await Promise.all(
      sets.map((caps, i) => (i % 2 ? a : b).register(profile('racer', caps, { version: `${i}` }), 'erin')),
    );
    const final = (await a.get('racer'))!;
    expect(sets.map((s) => s.join())).toContain(final.capabilities.join());
    const universe = [...new Set(sets.flat())];
    for (const cap of universe) {
      expect({ cap, ids: await indexed(cap) }).toEqual({ cap, ids: final.capabilities.includes(cap) ? ['racer'] : [] });
    }
    // The copies on the index items are the committed profile, not a loser's.
    for (const agent of await a.discover('cc-all')) expect(agent.version).toBe(final.version);
  });

  it('lists every agent a page at a time, without repeats, following the cursor to the end', async () => {
    const own = await registryFixture();
    try {
      const registry = own.registry();
      const all = Array.from({ length: 23 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
      for (const id of all) await registry.register(profile(id, ['paged']), 'frank');
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await registry.list({ limit: 10, cursor });
        expect(page.agents.length).toBeLessThanOrEqual(10);
        seen.push(...page.agents.map((a) => a.id));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(all);
      expect(pages).toBe(3);
      await expect(registry.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'InvalidInput',
        details: { field: 'cursor' },
      });
    } finally {
      own.dispose();
    }
  });

  it('heartbeat updates lastSeenAt everywhere; agents past the stale time are marked stale, not deleted', async () => {
    let now = 2_000_000;
    const registry = fx.registry({ now: () => now, staleAfterMs: () => 60_000 });
    await registry.register(profile('sleepy', ['nap']), 'gina');
    now += 61_000;
    expect(await registry.get('sleepy')).toMatchObject({ stale: true });
    expect((await registry.discover('nap'))[0]).toMatchObject({ id: 'sleepy', stale: true });
    const beat = await registry.heartbeat('sleepy', 'gina');
    expect(beat).toMatchObject({ lastSeenAt: now, stale: false });
    expect((await registry.discover('nap'))[0]).toMatchObject({ lastSeenAt: now, stale: false });
    expect(await registry.heartbeat('nobody', 'gina')).toBeUndefined();
  });

  it('refuses bad input before writing anything', async () => {
    const registry = fx.registry();
    await expect(registry.register(profile('bad', ['ok'], { endpoint: 'ftp://x' }), 'h')).rejects.toMatchObject({
      details: { field: 'endpoint' },
    });
    expect(await registry.get('bad')).toBeUndefined();
    expect(await indexed('ok')).toEqual([]);
  });
});
