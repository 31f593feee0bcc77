/**
 * The journal table's key schema, read from infrastructure/session-journal.yaml (written there
 * once), and its creation on a local server for the offline pipeline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const JOURNAL_TEMPLATE_RELATIVE_PATH = path.join('infrastructure', 'session-journal.yaml');

interface KeyDefinition {
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
}

export function journalKeyDefinition(root: string): KeyDefinition {
  // Short-form intrinsics (!Ref, !GetAtt, !Sub) become plain values: only the key schema is read.
  const text = readFileSync(path.join(root, JOURNAL_TEMPLATE_RELATIVE_PATH), 'utf8');
  const customTags = ['Ref', 'GetAtt', 'Sub'].flatMap((name) =>
    (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
      tag: `!${name}`,
      ...(nodeClass === 'scalar' ? {} : { collection: nodeClass }),
      resolve: (value: unknown) => ({ [name]: value }),
    })),
  );
  const template = parse(text, { customTags: customTags as never }) as {
    Resources: { JournalTable: { Properties: KeyDefinition } };
  };
  const { AttributeDefinitions, KeySchema } = template.Resources.JournalTable.Properties;
  return { AttributeDefinitions, KeySchema };
}

/** Creates the journal table when it is missing (on-demand, as the template does) and waits for it. */
export async function ensureJournalTable(client: DynamoDBClient, tableName: string, root: string): Promise<void> {
  const { CreateTableCommand, DescribeTableCommand, waitUntilTableExists } = await import('@aws-sdk/client-dynamodb');
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
  }
  try {
    await client.send(
      new CreateTableCommand({ TableName: tableName, BillingMode: 'PAY_PER_REQUEST', ...journalKeyDefinition(root) }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ResourceInUseException') throw err; // created meanwhile
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
}
