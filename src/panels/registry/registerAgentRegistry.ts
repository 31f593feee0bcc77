/**
 * Wires the agent registry into the editor: one AgentRegistry for the window (table from
 * agentify.registry.tableName, stale time from agentify.registry.staleAfterSeconds, region and
 * endpoint as the events table; on a loopback endpoint it creates its own table), the
 * "Agentify: Open Agent Registry" command with one panel at a time, and the serializer that
 * brings the panel back after a reload. Returns the registry and the Demo Viewer's lookup.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../../aws/clientFactory';
import type { Event } from '../../common/emitter';
import type { AgentifyConfig } from '../../config/agentifyConfig';
import { AgentRegistry } from '../../registry/agentRegistry';
import { ensureRegistryTable, loadRegistryTable } from '../../registry/registryTable';
import { RunRegistrations, lookupRegistrations } from '../../registry/runAgents';
import { DEFAULT_REGISTRY_TABLE, DEFAULT_STALE_AFTER_MS } from '../../registry/types';
import { SingletonPanel } from '../singletonPanel';
import { RegistryPanel, RegistryPanelDeps } from './registryPanel';

export interface AgentRegistryWiring {
  clients: AwsClients;
  config: () => AgentifyConfig;
  /** Fires after the configuration changed (the registry re-reads its table). */
  onDidChangeConfig: Event<unknown>;
  /** Region and endpoint in use (the events table's), resolved when needed. */
  target: () => Promise<{ region: string; endpoint?: string }>;
  log: (message: string) => void;
  /** Shown once when the registry cannot use its table (it keeps agents in memory meanwhile). */
  warnUser?: (message: string) => void;
}

export interface AgentRegistryManager {
  readonly registry: AgentRegistry;
  /** Registration of each agent of a run (for the Demo Viewer). */
  lookupAgents(agents: readonly string[]): Promise<RunRegistrations>;
  /** The registry table's name, for the workflows run from the editor (AGENTIFY_REGISTRY_TABLE). */
  tableName(): string;
}

const isLoopback = (endpoint?: string) =>
  !!endpoint && /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(endpoint);

export function registerAgentRegistry(
  context: vscode.ExtensionContext,
  wiring: AgentRegistryWiring,
): AgentRegistryManager {
  const settings = () => wiring.config().registry;
  const tableName = () => settings().tableName.trim() || DEFAULT_REGISTRY_TABLE;
  const staleAfterMs = () => {
    const seconds = settings().staleAfterSeconds;
    return seconds && seconds > 0 ? seconds * 1000 : DEFAULT_STALE_AFTER_MS;
  };
  const registry = new AgentRegistry({
    clients: wiring.clients,
    tableName,
    staleAfterMs,
    target: wiring.target,
    // "Memory only" is something to act on; the rest (the switch to the table) is information.
    log: (m) => (/memory only/.test(m) && wiring.warnUser ? wiring.warnUser(m) : wiring.log(m)),
    // On a local server the registry owns its table, as `npm run local-db` owns the events table.
    createTable: async (client, name) => {
      const t = await wiring.target();
      if (!isLoopback(t.endpoint))
        throw Object.assign(new Error(`Table ${name} not found`), { name: 'ResourceNotFoundException' });
      return ensureRegistryTable(client, name, loadRegistryTable(context.extensionPath));
    },
  });
  context.subscriptions.push(registry);

  const deps: RegistryPanelDeps = { extensionUri: context.extensionUri, registry, log: wiring.log };
  const panels = new SingletonPanel({
    viewType: RegistryPanel.viewType,
    title: RegistryPanel.title,
    extensionUri: context.extensionUri,
    build: (panel) => new RegistryPanel(panel, deps),
  });
  let lastTable = tableName();
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand('agentify.openAgentRegistry', () => void panels.show()),
    // Another table: look at it now, so a missing one is reported while the user is in the settings.
    wiring.onDidChangeConfig(() => {
      if (tableName() === lastTable) return;
      lastTable = tableName();
      void registry.list({ limit: 1 }).catch(() => undefined);
    }),
  );
  return { registry, lookupAgents: (agents) => lookupRegistrations(registry, agents), tableName };
}
