/**
 * What the Agent Registry panel does, free of `vscode`: answers the webview's list requests from
 * the AgentRegistry (discover by capability, or the paginated listing), and sends the list again
 * when the registry changes (a write through this window, or the table appearing).
 */
import { Disposable, toDisposable } from '../../common/disposable';
import type { AgentRegistry } from '../../registry/agentRegistry';
import { isRegistryError } from '../../registry/errors';
import type { AgentRecord } from '../../registry/types';
import type { MessageRouter } from '../../protocol/messageRouter';
import {
  ListAgentsCommand,
  RegistryAgentView,
  RegistryStateNotification,
  RegistryViewState,
} from '../../protocol/registry';

export type RegistryReader = Pick<AgentRegistry, 'discover' | 'list' | 'status' | 'onDidChange'>;

export function toAgentView(a: AgentRecord): RegistryAgentView {
  return {
    id: a.id,
    name: a.name,
    endpoint: a.endpoint,
    capabilities: [...a.capabilities],
    ...(a.description ? { description: a.description } : {}),
    ...(a.version ? { version: a.version } : {}),
    registeredAt: a.registeredAt,
    lastSeenAt: a.lastSeenAt,
    stale: a.stale,
  };
}

export class RegistryController extends Disposable {
  private capability = '';

  constructor(
    private readonly router: MessageRouter,
    private readonly registry: RegistryReader,
    private readonly log: (message: string) => void,
  ) {
    super();
    // Capabilities are stored lower-case; the filter shown is the one used.
    router.onCommand(ListAgentsCommand, ({ capability, cursor }) => this.load(capability.trim().toLowerCase(), cursor));
    this.register(toDisposable(registry.onDidChange(() => void this.load(this.capability)).dispose));
  }

  async load(capability: string, cursor?: string): Promise<void> {
    this.capability = capability;
    const status = this.registry.status();
    const base: Omit<RegistryViewState, 'agents'> = { mode: status.mode, tableName: status.tableName, capability };
    try {
      const page = capability
        ? { agents: await this.registry.discover(capability) }
        : await this.registry.list({ cursor });
      const after = this.registry.status();
      this.router.notify(RegistryStateNotification, {
        ...base,
        mode: after.mode,
        ...(after.reason ? { reason: after.reason } : {}),
        agents: page.agents.map(toAgentView),
        ...('cursor' in page && page.cursor ? { cursor: page.cursor } : {}),
        ...(cursor ? { appended: true } : {}),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!isRegistryError(err) || err.code !== 'InvalidInput') this.log(`Agent Registry: ${message}`);
      const code = isRegistryError(err) ? err.code : 'Error';
      this.router.notify(RegistryStateNotification, { ...base, agents: [], error: { code, message } });
    }
  }
}
