/**
 * Whether the agents of a run are registered: for each agent name the Demo Viewer shows, the
 * registry profile under that name as id (or its slug: lower case, other characters as '-'),
 * with its capabilities and endpoint. Free of `vscode`.
 */
import type { AgentRegistry } from './agentRegistry';
import { isRegistryError } from './errors';
import type { AgentRecord } from './types';

export interface AgentRegistration {
  agent: string;
  registered: boolean;
  id?: string;
  capabilities: string[];
  endpoint?: string;
  stale?: boolean;
}

export interface RunRegistrations {
  mode: 'unknown' | 'table' | 'memory';
  tableName: string;
  agents: AgentRegistration[];
}

export const agentSlug = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._:-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 128);

export async function lookupRegistrations(
  registry: Pick<AgentRegistry, 'get' | 'status'>,
  agents: readonly string[],
): Promise<RunRegistrations> {
  const rows = await Promise.all(
    agents.map(async (agent): Promise<AgentRegistration> => {
      for (const id of [...new Set([agent, agentSlug(agent)])]) {
        let found: AgentRecord | undefined;
        try {
          found = await registry.get(id);
        } catch (err) {
          // A name that cannot be an id (spaces, '#') is simply not registered under it.
          if (isRegistryError(err) && err.code === 'InvalidInput') continue;
          throw err;
        }
        if (found)
          return {
            agent,
            registered: true,
            id: found.id,
            capabilities: found.capabilities,
            endpoint: found.endpoint,
            stale: found.stale,
          };
      }
      return { agent, registered: false, capabilities: [] };
    }),
  );
  const status = registry.status();
  return { mode: status.mode, tableName: status.tableName, agents: rows };
}
