/**
 * The registry table's definition, read from infrastructure/agent-registry.yaml so its keys and
 * index are written down once, and its creation on a local DynamoDB server (where CloudFormation
 * is not available).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseDocument } from 'yaml';

export const REGISTRY_TEMPLATE = path.join('infrastructure', 'agent-registry.yaml');

export type RegistryTableDefinition = Required<
  Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes' | 'BillingMode'>
>;

/** CloudFormation short-form tags read as plain values: only the table's literal properties matter here. */
const cfnTags = ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split', 'ImportValue'].flatMap((name) =>
  (['scalar', 'seq', 'map'] as const).map((kind) => ({
    tag: `!${name}`,
    ...(kind === 'scalar' ? {} : { collection: kind }),
    resolve: (v: unknown) => ({ [`Fn::${name}`]: v }),
  })),
);

export function parseRegistryTable(templateText: string): RegistryTableDefinition {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = parseDocument(templateText, { customTags: cfnTags as any });
  if (doc.errors.length) throw new Error(`Invalid registry template YAML: ${doc.errors[0].message}`);
  const resources =
    (doc.toJS() as { Resources?: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources ??
    {};
  const table = Object.values(resources).find((r) => r.Type === 'AWS::DynamoDB::Table');
  if (!table) throw new Error('The registry template declares no AWS::DynamoDB::Table.');
  const p = table.Properties as unknown as RegistryTableDefinition;
  return {
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
    BillingMode: p.BillingMode,
  };
}

export function loadRegistryTable(root: string): RegistryTableDefinition {
  return parseRegistryTable(readFileSync(path.join(root, REGISTRY_TEMPLATE), 'utf8'));
}

/** Creates the table unless it exists and waits until it is active. True when it created it. */
export async function ensureRegistryTable(
  client: DynamoDBClient,
  tableName: string,
  def: RegistryTableDefinition,
): Promise<boolean> {
  const { CreateTableCommand, waitUntilTableExists } = await import('@aws-sdk/client-dynamodb');
  let created = true;
  try {
    await client.send(new CreateTableCommand({ TableName: tableName, ...def }));
  } catch (err) {
    // It exists already, or another process is creating it right now: either way, wait for it.
    if ((err as Error).name !== 'ResourceInUseException') throw err;
    created = false;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  return created;
}
