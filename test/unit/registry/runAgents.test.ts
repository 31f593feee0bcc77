/**
 * The Demo Viewer's view of the registry: a run's agents looked up by name (or its slug) in a
 * real memory-only AgentRegistry, answered through the real controller and MessageRouter.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { KeyValueStorage, RunHistoryStore } from '../../../src/history/runHistoryStore';
import { DemoViewerController } from '../../../src/panels/demoViewer/demoViewerController';
import type { IpcMessage } from '../../../src/protocol/ipc';
import { AgentRegistrationsNotification, WatchAgentsCommand } from '../../../src/protocol/demoViewer';
import { MessageRouter } from '../../../src/protocol/messageRouter';
import { AgentRegistry } from '../../../src/registry/agentRegistry';
import { agentSlug, lookupRegistrations } from '../../../src/registry/runAgents';

class MapStorage implements KeyValueStorage {
  private map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, value);
  }
}

const unusedClients = {
  documentClient: () => Promise.reject(new Error('memory-only')),
  client: () => Promise.reject(new Error('memory-only')),
};

async function registryWithAgents() {
  const registry = new AgentRegistry({ clients: unusedClients, tableName: () => 'AgentRegistry', memoryOnly: true });
  await registry.register(
    { id: 'planner', name: 'Planner', endpoint: 'https://p.example.com', capabilities: ['plan'] },
    'me',
  );
  await registry.register(
    {
      id: 'web-researcher',
      name: 'Web Researcher',
      endpoint: 'https://r.example.com',
      capabilities: ['search', 'fetch'],
    },
    'me',
  );
  return registry;
}

describe('registrations of a run’s agents', () => {
  it('finds agents by name or by slug, and says which are not registered', async () => {
    expect(agentSlug('  Web Researcher! ')).toBe('web-researcher');
    const result = await lookupRegistrations(await registryWithAgents(), [
      'planner',
      'Web Researcher',
      'writer',
      'bad #name',
    ]);
    expect(result).toEqual({
      mode: 'memory',
      tableName: 'AgentRegistry',
      agents: [
        {
          agent: 'planner',
          registered: true,
          id: 'planner',
          capabilities: ['plan'],
          endpoint: 'https://p.example.com',
          stale: false,
        },
        {
          agent: 'Web Researcher',
          registered: true,
          id: 'web-researcher',
          capabilities: ['search', 'fetch'],
          endpoint: 'https://r.example.com',
          stale: false,
        },
        { agent: 'writer', registered: false, capabilities: [] },
        { agent: 'bad #name', registered: false, capabilities: [] },
      ],
    });
  });

  it('the Demo Viewer controller answers WatchAgentsCommand with the registrations, and an error as text', async () => {
    const posted: IpcMessage[] = [];
    const registry = await registryWithAgents();
    let fail = false;
    const router = new MessageRouter(
      (m) => void posted.push(m),
      () => undefined,
    );
    new DemoViewerController(router, {
      history: new RunHistoryStore(new MapStorage()),
      run: async () => undefined,
      stop: async () => undefined,
      loadRun: async () => ({ events: [], expired: false }),
      exportRun: async () => undefined,
      copy: async () => undefined,
      log: () => undefined,
      lookupAgents: (agents) =>
        fail ? Promise.reject(new Error('network down')) : lookupRegistrations(registry, agents),
    });
    await router.receive({ kind: 'command', method: 'ready', params: undefined });
    await router.receive({
      kind: 'command',
      method: WatchAgentsCommand.method,
      params: { agents: ['planner', 'writer'] },
    });
    const notes = () =>
      posted.filter((m) => m.kind === 'notification' && m.method === AgentRegistrationsNotification.method);
    expect(notes()).toHaveLength(1);
    const params = (notes()[0] as { params: unknown }).params;
    expect(v.safeParse(AgentRegistrationsNotification.paramsSchema, params).issues).toBeUndefined();
    expect(params).toMatchObject({
      agents: [
        { agent: 'planner', registered: true },
        { agent: 'writer', registered: false },
      ],
    });

    fail = true;
    await router.receive({ kind: 'command', method: WatchAgentsCommand.method, params: { agents: ['planner'] } });
    expect((notes()[1] as { params: { error: string } }).params.error).toContain('network down');
    // Too many or malformed names are refused by the command's schema.
    const before = router.rejected;
    await router.receive({
      kind: 'command',
      method: WatchAgentsCommand.method,
      params: { agents: Array.from({ length: 201 }, (_, i) => `a${i}`) },
    });
    expect(router.rejected).toBe(before + 1);
  });
});
