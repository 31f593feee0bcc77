/**
 * The events table's shape, read from the CloudFormation template itself so the key schema is
 * written down exactly once (infrastructure/dynamodb-table.yaml).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, isScalar, Scalar } from 'yaml';
import { DEFAULT_TABLE_NAME } from '../config/settings';

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ttlAttribute?: string;
  defaultTableName: string;
}

/** Where the template lives, relative to the repository / extension root. */
export const TEMPLATE_RELATIVE_PATH = path.join('infrastructure', 'dynamodb-table.yaml');

export function templatePath(root: string): string {
  return path.join(root, TEMPLATE_RELATIVE_PATH);
}

/** CloudFormation short-form tags (!Ref, !GetAtt, …) parsed as plain values; we only need properties. */
const cfnTags = ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'Equals', 'Not', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'GetAZs'].flatMap(
  (name) =>
    (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
      tag: `!${name}`,
      collection: nodeClass === 'scalar' ? undefined : nodeClass,
      resolve: (value: unknown) => ({ [`Fn::${name}`]: value instanceof Scalar || isScalar(value) ? (value as Scalar).value : value }),
    })),
);

interface CfnTable {
  Properties: {
    BillingMode?: string;
    AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  };
}

export function parseTableDefinition(templateText: string): TableDefinition {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = parseDocument(templateText, { customTags: cfnTags as any });
  if (doc.errors.length) throw new Error(`Invalid template YAML: ${doc.errors[0].message}`);
  const template = doc.toJS() as {
    Parameters?: { TableName?: { Default?: string } };
    Resources?: Record<string, { Type: string } & CfnTable>;
  };
  const table = Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::DynamoDB::Table');
  if (!table) throw new Error('The template declares no AWS::DynamoDB::Table resource.');
  const props = table.Properties;
  const typeOf = (name: string) => {
    const def = props.AttributeDefinitions.find((a) => a.AttributeName === name);
    if (!def) throw new Error(`Key attribute ${name} has no AttributeDefinition in the template.`);
    return def.AttributeType;
  };
  const hash = props.KeySchema.find((k) => k.KeyType === 'HASH');
  const range = props.KeySchema.find((k) => k.KeyType === 'RANGE');
  if (!hash || !range) throw new Error('The template table must have a HASH and a RANGE key.');
  return {
    partitionKey: { name: hash.AttributeName, type: typeOf(hash.AttributeName) },
    sortKey: { name: range.AttributeName, type: typeOf(range.AttributeName) },
    billingMode: props.BillingMode === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ttlAttribute: props.TimeToLiveSpecification?.Enabled ? props.TimeToLiveSpecification.AttributeName : undefined,
    defaultTableName: template.Parameters?.TableName?.Default ?? DEFAULT_TABLE_NAME,
  };
}

export function loadTableDefinition(root: string): TableDefinition {
  return parseTableDefinition(readFileSync(templatePath(root), 'utf8'));
}

