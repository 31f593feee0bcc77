/**
 * The events table's shape, read from the CloudFormation template itself so the key schema, the
 * indexes and the hardening switches are written down exactly once
 * (infrastructure/dynamodb-table.yaml). Parameter values pick the variant, as they would in a
 * deploy: none gives today's demo table, HARDENED_PARAMETERS the shared-table setup.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TemplateParameters, TemplateResolver, parseTemplate } from './templateResolver';

export type { TemplateParameters } from './templateResolver';

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
}

export type StreamViewType = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ttlAttribute?: string;
  defaultTableName: string;
  /** Global secondary indexes, in template order; empty for the default table. */
  indexes: IndexDefinition[];
  streamViewType?: StreamViewType;
  /** Days of point-in-time recovery; undefined = off. */
  pointInTimeRecoveryDays?: number;
  deletionProtection: boolean;
  /** The template's TtlDays (what producers should be told through AGENTIFY_TTL_DAYS). */
  ttlDays: number;
}

/** The parameter values of the hardened setup a team's shared table uses (docs/DYNAMODB_RUNBOOK.md). */
export const HARDENED_PARAMETERS: TemplateParameters = {
  EnablePointInTimeRecovery: 'true',
  EnableStream: 'true',
  EnableDeletionProtection: 'true',
  EnableRunsIndex: 'true',
  EnableFailuresIndex: 'true',
  EnableMonitoring: 'true',
  TtlDays: '30',
};

/** Where the template lives, relative to the repository / extension root. */
export const TEMPLATE_RELATIVE_PATH = path.join('infrastructure', 'dynamodb-table.yaml');

export function templatePath(root: string): string {
  return path.join(root, TEMPLATE_RELATIVE_PATH);
}

type AttributeType = KeyAttribute['type'];

interface CfnKey {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

interface CfnTableProperties {
  BillingMode?: string;
  AttributeDefinitions: { AttributeName: string; AttributeType: AttributeType }[];
  KeySchema: CfnKey[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: CfnKey[]; Projection?: { ProjectionType?: string } }[];
  StreamSpecification?: { StreamViewType?: StreamViewType };
  PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled?: boolean; RecoveryPeriodInDays?: number };
  DeletionProtectionEnabled?: boolean;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

function keysOf(schema: CfnKey[], typeOf: (name: string) => AttributeType, owner: string) {
  const hash = schema.find((k) => k.KeyType === 'HASH');
  const range = schema.find((k) => k.KeyType === 'RANGE');
  if (!hash || !range) throw new Error(`${owner} must have a HASH and a RANGE key.`);
  return {
    partitionKey: { name: hash.AttributeName, type: typeOf(hash.AttributeName) },
    sortKey: { name: range.AttributeName, type: typeOf(range.AttributeName) },
  };
}

export function parseTableDefinition(templateText: string, parameters: TemplateParameters = {}): TableDefinition {
  const template = parseTemplate(templateText);
  const resolver = new TemplateResolver(template, parameters);
  const table = Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::DynamoDB::Table');
  if (!table) throw new Error('The template declares no AWS::DynamoDB::Table resource.');
  const props = resolver.resolve(table.Properties) as CfnTableProperties;
  const typeOf = (name: string) => {
    const def = props.AttributeDefinitions.find((a) => a.AttributeName === name);
    if (!def) throw new Error(`Key attribute ${name} has no AttributeDefinition in the template.`);
    return def.AttributeType;
  };
  const pitr = props.PointInTimeRecoverySpecification;
  return {
    ...keysOf(props.KeySchema, typeOf, 'The template table'),
    billingMode: props.BillingMode === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ttlAttribute: props.TimeToLiveSpecification?.Enabled ? props.TimeToLiveSpecification.AttributeName : undefined,
    defaultTableName: resolver.parameter('TableName') ?? 'agentify-workflow-events',
    indexes: (props.GlobalSecondaryIndexes ?? []).map((gsi) => ({
      name: gsi.IndexName,
      ...keysOf(gsi.KeySchema, typeOf, `The index ${gsi.IndexName}`),
      projection: (gsi.Projection?.ProjectionType ?? 'KEYS_ONLY') as IndexDefinition['projection'],
    })),
    streamViewType: props.StreamSpecification?.StreamViewType,
    pointInTimeRecoveryDays: pitr?.PointInTimeRecoveryEnabled ? (pitr.RecoveryPeriodInDays ?? 35) : undefined,
    deletionProtection: props.DeletionProtectionEnabled === true,
    ttlDays: Number(resolver.parameter('TtlDays') ?? 1),
  };
}

export function loadTableDefinition(root: string, parameters: TemplateParameters = {}): TableDefinition {
  return parseTableDefinition(readFileSync(templatePath(root), 'utf8'), parameters);
}
