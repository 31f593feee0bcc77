/**
 * The DynamoDB store of the registry. A registration, heartbeat or removal is one
 * TransactWriteItems over the profile item and the agent's capability items, conditional on the
 * profile's `revision` (and `owner`): a writer that lost a race rereads and tries again, so every
 * committed write removes exactly the capability items of the state it replaced, and concurrent
 * registrations of one id cannot leave a stale capability behind. Discovery and listing are one
 * Query each on CapabilityIndex; nothing here scans.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegistryError, invalid, notOwner } from './errors';
import {
  CAPABILITY_INDEX,
  LIST_PARTITION,
  StoredItem,
  capabilityItem,
  capabilityKey,
  profileItem,
  profileKey,
  toProfile,
} from './items';
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

/** Enough for a few dozen writers of one id at once; each round one of them commits. */
const MAX_ATTEMPTS = 25;

type TransactItem = NonNullable<import('@aws-sdk/lib-dynamodb').TransactWriteCommandInput['TransactItems']>[number];

export class DynamoRegistryStore implements RegistryStore {
  readonly kind = 'dynamodb' as const;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async put(input: AgentProfileInput, owner: string, now: number): Promise<PutResult> {
    return this.retrying(input.id, async () => {
      const current = await this.current(input.id);
      if (current && current.owner !== owner) throw notOwner(input.id);
      const revision = (current?.revision ?? 0) + 1;
      const profile: AgentProfile = { ...input, registeredAt: current?.registeredAt ?? now, lastSeenAt: now };
      const removed = (current?.capabilities ?? []).filter((c) => !profile.capabilities.includes(c));
      const items: TransactItem[] = [
        {
          Put: {
            TableName: this.tableName,
            Item: profileItem(profile, owner, revision),
            ...(current
              ? {
                  ConditionExpression: '#rev = :rev AND #owner = :owner',
                  ExpressionAttributeNames: { '#rev': 'revision', '#owner': 'owner' },
                  ExpressionAttributeValues: { ':rev': current.revision, ':owner': owner },
                }
              : { ConditionExpression: 'attribute_not_exists(agentId)' }),
          },
        },
        ...profile.capabilities.map((c) => ({
          Put: { TableName: this.tableName, Item: capabilityItem(profile, c, revision) },
        })),
        ...removed.map((c) => ({ Delete: { TableName: this.tableName, Key: capabilityKey(input.id, c) } })),
      ];
      if (!(await this.transact(items))) return undefined;
      return { created: !current, profile };
    });
  }

  async get(id: string): Promise<AgentProfile | undefined> {
    const item = await this.current(id);
    return item && toProfile(item);
  }

  async discover(capability: string): Promise<AgentProfile[]> {
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const out: AgentProfile[] = [];
    let start: Record<string, unknown> | undefined;
    // One Query; a result over 1 MB arrives in pages, followed to the end.
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: CAPABILITY_INDEX,
          KeyConditionExpression: 'capability = :c',
          ExpressionAttributeValues: { ':c': capability },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.push(toProfile(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async list(options: ListOptions): Promise<ListPage<AgentProfile>> {
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: CAPABILITY_INDEX,
        KeyConditionExpression: 'capability = :c',
        ExpressionAttributeValues: { ':c': LIST_PARTITION },
        Limit: limit,
        ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor) : undefined,
      }),
    );
    const agents = (page.Items ?? []).map(toProfile);
    return page.LastEvaluatedKey ? { agents, cursor: encodeCursor(page.LastEvaluatedKey) } : { agents };
  }

  async heartbeat(id: string, owner: string, now: number): Promise<AgentProfile | undefined> {
    const result = await this.retrying(id, async () => {
      const current = await this.current(id);
      if (!current) return { found: false as const };
      if (current.owner !== owner) throw notOwner(id);
      const set = { UpdateExpression: 'SET lastSeenAt = :now', ExpressionAttributeValues: { ':now': now } };
      const items: TransactItem[] = [
        {
          Update: {
            TableName: this.tableName,
            Key: profileKey(id),
            ...set,
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'revision' },
            ExpressionAttributeValues: { ':now': now, ':rev': current.revision },
          },
        },
        ...current.capabilities.map((c) => ({
          Update: {
            TableName: this.tableName,
            Key: capabilityKey(id, c),
            ...set,
            ConditionExpression: 'attribute_exists(agentId)',
          },
        })),
      ];
      if (!(await this.transact(items))) return undefined;
      return { found: true as const, profile: { ...toProfile(current), lastSeenAt: now } };
    });
    return result.found ? result.profile : undefined;
  }

  async deregister(id: string, owner: string): Promise<boolean> {
    return this.retrying(id, async () => {
      const current = await this.current(id);
      if (!current) return false;
      if (current.owner !== owner) throw notOwner(id);
      const items: TransactItem[] = [
        {
          Delete: {
            TableName: this.tableName,
            Key: profileKey(id),
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'revision' },
            ExpressionAttributeValues: { ':rev': current.revision },
          },
        },
        ...current.capabilities.map((c) => ({ Delete: { TableName: this.tableName, Key: capabilityKey(id, c) } })),
      ];
      return (await this.transact(items)) ? true : undefined;
    });
  }

  private async current(id: string): Promise<StoredItem | undefined> {
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: profileKey(id), ConsistentRead: true }),
    );
    return res.Item as StoredItem | undefined;
  }

  /** True when committed; false when another writer got there first (the caller rereads). */
  private async transact(items: TransactItem[]): Promise<boolean> {
    const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TransactionCanceledException' || name === 'TransactionConflictException') return false;
      throw err;
    }
  }

  /** Runs an attempt until it settles (a value other than undefined), a bounded number of times. */
  private async retrying<T>(id: string, attempt: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const result = await attempt();
      if (result !== undefined) return result;
      // Concurrent writers of one id: spread the retries so they do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** i)));
    }
    throw new RegistryError(
      'Conflict',
      `The agent "${id}" is being changed by other writers at the same time; try again.`,
    );
  }
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A cursor comes from a caller: accept only the shape this store hands out. */
export function decodeCursor(cursor: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', 'is not a cursor this registry returned');
  }
  const p = parsed as Record<string, unknown>;
  const ok =
    typeof p === 'object' &&
    p !== null &&
    Object.keys(p).length === 3 &&
    ['agentId', 'id'].every((k) => typeof p[k] === 'string') &&
    p.capability === LIST_PARTITION;
  if (!ok) throw invalid('cursor', 'is not a cursor this registry returned');
  return p as Record<string, string>;
}
