/**
 * The Agent Registry panel's host side through the real MessageRouter and protocol, over a real
 * memory-only AgentRegistry: lists, filters, reloads after a write, and errors as state.
 */
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { RegistryController } from '../../../src/panels/registry/registryController';
import type { IpcMessage } from '../../../src/protocol/ipc';
import { MessageRouter } from '../../../src/protocol/messageRouter';
import { ListAgentsCommand, RegistryStateNotification, RegistryViewState } from '../../../src/protocol/registry';
import { AgentRegistry } from '../../../src/registry/agentRegistry';

const unusedClients = {
  documentClient: () => Promise.reject(new Error('memory-only')),
  client: () => Promise.reject(new Error('memory-only')),
};

async function setup() {
  const posted: IpcMessage[] = [];
  const logged: string[] = [];
  const registry = new AgentRegistry({ clients: unusedClients, tableName: () => 'AgentRegistry', memoryOnly: true });
  const router = new MessageRouter(
    (m) => void posted.push(m),
    () => undefined,
  );
  new RegistryController(router, registry, (m) => logged.push(m));
  await router.receive({ kind: 'command', method: 'ready', params: undefined });
  const states = () =>
    posted
      .filter((m) => m.kind === 'notification' && m.method === RegistryStateNotification.method)
      .map((m) => (m as { params: RegistryViewState }).params);
  const list = (capability: string, cursor?: string) =>
    router.receive({ kind: 'command', method: ListAgentsCommand.method, params: { capability, cursor } });
  return { registry, router, states, list, logged };
}

describe('RegistryController', () => {
  it('answers a list valid by its schema, filters case-insensitively, and reloads after a write', async () => {
    const { registry, states, list } = await setup();
    await registry.register({ id: 'a', name: 'A', endpoint: 'https://a.example.com', capabilities: ['x'] }, 'me');
    await list(' X ');
    expect(states().at(-1)).toMatchObject({
      mode: 'memory',
      tableName: 'AgentRegistry',
      capability: 'x',
      agents: [{ id: 'a', stale: false }],
    });
    await registry.register({ id: 'b', name: 'B', endpoint: 'https://b.example.com', capabilities: ['x'] }, 'me');
    // The write fired onDidChange: the same filter is listed again without being asked.
    const ids = () =>
      states()
        .at(-1)
        ?.agents.map((a) => a.id);
    await vi.waitFor(() => expect(ids()).toEqual(['a', 'b']), { timeout: 5000 });
    for (const s of states()) expect(v.safeParse(RegistryStateNotification.paramsSchema, s).issues).toBeUndefined();
  });

  it('sends an input error as state without logging it, and refuses malformed commands', async () => {
    const { router, states, list, logged } = await setup();
    await list('#agent');
    expect(states().at(-1)).toMatchObject({
      agents: [],
      error: { code: 'InvalidInput', message: expect.stringContaining('capability') },
    });
    await list('', 'not-a-cursor!');
    expect(states().at(-1)?.error?.code).toBe('InvalidInput');
    expect(logged).toEqual([]);
    const before = router.rejected;
    await router.receive({ kind: 'command', method: ListAgentsCommand.method, params: { capability: 'x'.repeat(65) } });
    expect(router.rejected).toBe(before + 1);
  });
});
