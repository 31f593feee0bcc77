/**
 * Reads a session's journal: `PK = SESSION#{id} AND begins_with(SK, "EVENT#")`, every page,
 * consistent, chronological by SK. Errors become AgentifyErrors that say how to get the table.
 */
import type { AwsClients } from '../aws/clientFactory';
import { toUserError } from '../aws/awsErrors';
import { AgentifyError } from '../common/errors';
import { EVENT_PREFIX, JOURNAL_STATUSES, JournalItem, JournalStatus, sessionKey } from './journalStatus';

export interface JournalReaderOptions {
  clients: AwsClients;
  tableName: () => string;
  region: () => string;
  /** Endpoint in use, for messages. */
  endpoint?: () => string | undefined;
}

const STATUS_SET = new Set<string>(JOURNAL_STATUSES);

/** An item the table returned, kept when it has the contract's shape (other writers may add to the table). */
function toItem(raw: Record<string, unknown>): JournalItem | undefined {
  if (
    typeof raw.PK !== 'string' ||
    typeof raw.SK !== 'string' ||
    typeof raw.Status !== 'string' ||
    !STATUS_SET.has(raw.Status)
  )
    return undefined;
  return {
    PK: raw.PK,
    SK: raw.SK,
    Status: raw.Status as JournalStatus,
    Timestamp: typeof raw.Timestamp === 'string' ? raw.Timestamp : raw.SK.slice(EVENT_PREFIX.length).split('#')[0],
    ...(typeof raw.ErrorMessage === 'string' ? { ErrorMessage: raw.ErrorMessage } : {}),
    ...(typeof raw.Component === 'string' ? { Component: raw.Component } : {}),
    ...(typeof raw.ExpiresAt === 'number' ? { ExpiresAt: raw.ExpiresAt } : {}),
  };
}

export class JournalReader {
  constructor(private readonly options: JournalReaderOptions) {}

  async read(sessionId: string): Promise<JournalItem[]> {
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const o = this.options;
    const tableName = o.tableName();
    const items: JournalItem[] = [];
    let start: Record<string, unknown> | undefined;
    try {
      const doc = await o.clients.documentClient();
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': sessionKey(sessionId), ':prefix': EVENT_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const raw of page.Items ?? []) {
          const item = toItem(raw);
          if (item) items.push(item);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    } catch (err) {
      throw journalError(err, tableName, o.region(), o.endpoint?.());
    }
    return items;
  }
}

export function journalError(err: unknown, tableName: string, region: string, endpoint?: string): AgentifyError {
  if ((err as Error)?.name === 'ResourceNotFoundException') {
    const hint = endpoint
      ? 'Start a session offline once (it creates the table on the local server), or check agentify.journal.tableName.'
      : 'Deploy it: `aws cloudformation deploy --template-file infrastructure/session-journal.yaml ' +
        '--stack-name agentify-session-journal --capabilities CAPABILITY_IAM --parameter-overrides ' +
        `JournalTableName=${tableName} AgentRuntimeArn=... InvokerCodeS3Bucket=...\`` +
        " (docs/SESSION_JOURNAL.md), or set agentify.journal.tableName to the stack's JournalTableName output.";
    return new AgentifyError(
      `The session journal table "${tableName}" does not exist ${endpoint ? `at ${endpoint}` : `in ${region}`}. ` +
        hint,
      { code: 'TableNotFound', cause: err, hint },
    );
  }
  return toUserError(err, { tableName, region, endpoint });
}
