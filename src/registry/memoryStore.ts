/**
 * The memory-only store: the registry's fallback when its table is missing or cannot be used.
 * Same rules as the table (owner checks, capability index kept with the profile); contents live
 * as long as the process. Cursors are the last id of a page.
 */
import { invalid, notOwner } from './errors';
import {
  AgentProfile,
  AgentProfileInput,
  DEFAULT_PAGE_SIZE,
  ListOptions,
  ListPage,
  MAX_PAGE_SIZE,
  PutResult,
  RegistryStore,
} from './types';

interface Entry {
  profile: AgentProfile;
  owner: string;
}

export class MemoryRegistryStore implements RegistryStore {
  readonly kind = 'memory' as const;
  private readonly agents = new Map<string, Entry>();
  private readonly byCapability = new Map<string, Set<string>>();

  get size(): number {
    return this.agents.size;
  }

  async put(input: AgentProfileInput, owner: string, now: number): Promise<PutResult> {
    const current = this.agents.get(input.id);
    if (current && current.owner !== owner) throw notOwner(input.id);
    const profile: AgentProfile = {
      ...structuredClone(input),
      registeredAt: current?.profile.registeredAt ?? now,
      lastSeenAt: now,
    };
    if (current) this.unindex(current.profile);
    this.agents.set(input.id, { profile, owner });
    for (const c of profile.capabilities) {
      let ids = this.byCapability.get(c);
      if (!ids) this.byCapability.set(c, (ids = new Set()));
      ids.add(profile.id);
    }
    return { created: !current, profile: structuredClone(profile) };
  }

  async get(id: string): Promise<AgentProfile | undefined> {
    const entry = this.agents.get(id);
    return entry && structuredClone(entry.profile);
  }

  async discover(capability: string): Promise<AgentProfile[]> {
    const ids = [...(this.byCapability.get(capability) ?? [])].sort();
    return ids.map((id) => structuredClone(this.agents.get(id)!.profile));
  }

  async list(options: ListOptions): Promise<ListPage<AgentProfile>> {
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    if (options.cursor !== undefined && !/^[A-Za-z0-9._:-]{1,128}$/.test(options.cursor))
      throw invalid('cursor', 'is not a cursor this registry returned');
    const ids = [...this.agents.keys()].sort().filter((id) => options.cursor === undefined || id > options.cursor);
    const page = ids.slice(0, limit);
    const agents = page.map((id) => structuredClone(this.agents.get(id)!.profile));
    return ids.length > limit ? { agents, cursor: page[page.length - 1] } : { agents };
  }

  async heartbeat(id: string, owner: string, now: number): Promise<AgentProfile | undefined> {
    const entry = this.agents.get(id);
    if (!entry) return undefined;
    if (entry.owner !== owner) throw notOwner(id);
    entry.profile.lastSeenAt = now;
    return structuredClone(entry.profile);
  }

  async deregister(id: string, owner: string): Promise<boolean> {
    const entry = this.agents.get(id);
    if (!entry) return false;
    if (entry.owner !== owner) throw notOwner(id);
    this.unindex(entry.profile);
    this.agents.delete(id);
    return true;
  }

  *entries(): Iterable<Entry> {
    for (const entry of this.agents.values()) yield { profile: structuredClone(entry.profile), owner: entry.owner };
  }

  clear(): void {
    this.agents.clear();
    this.byCapability.clear();
  }

  private unindex(profile: AgentProfile): void {
    for (const c of profile.capabilities) {
      const ids = this.byCapability.get(c);
      ids?.delete(profile.id);
      if (ids?.size === 0) this.byCapability.delete(c);
    }
  }
}
