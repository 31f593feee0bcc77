/**
 * What the registry says when it cannot use its table, said once per cause: what happened, that
 * agents are kept in memory meanwhile, and the next step (the template to deploy or the
 * create-table command, or the IAM statement to add). docs/AGENT_REGISTRY.md repeats them.
 */
import { CAPABILITY_INDEX } from './items';

export interface RegistryTarget {
  tableName: string;
  region: string;
  /** Endpoint override in use (a local server), if any. */
  endpoint?: string;
}

const where = (t: RegistryTarget) => (t.endpoint ? `at ${t.endpoint}` : `in ${t.region}`);
const MEMORY =
  'Agents are kept in memory only until then (lost when this process ends); ' +
  'the registry switches to the table as soon as it can use it.';
/** Where agents are meanwhile: in memory (the IDE, the local server), or nowhere (the Lambda refuses). */
const meanwhile = (memory: boolean) => (memory ? MEMORY : 'The request was not carried out.');

export function deployRegistryCommand(t: RegistryTarget): string {
  return [
    'aws cloudformation deploy --template-file infrastructure/agent-registry.yaml',
    `--stack-name agentify-agent-registry --capabilities CAPABILITY_IAM --region ${t.region}`,
    `--parameter-overrides TableName=${t.tableName} CodeS3Bucket=YOUR-BUCKET`,
  ].join(' ');
}

export function createRegistryTableCommand(t: RegistryTarget): string {
  const index = {
    IndexName: CAPABILITY_INDEX,
    KeySchema: [
      { AttributeName: 'capability', KeyType: 'HASH' },
      { AttributeName: 'id', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
  return [
    `aws dynamodb create-table --table-name ${t.tableName} --billing-mode PAY_PER_REQUEST`,
    '--attribute-definitions AttributeName=agentId,AttributeType=S',
    'AttributeName=capability,AttributeType=S AttributeName=id,AttributeType=S',
    '--key-schema AttributeName=agentId,KeyType=HASH',
    `--global-secondary-indexes '${JSON.stringify([index])}'`,
    t.endpoint ? `--endpoint-url ${t.endpoint}` : `--region ${t.region}`,
  ].join(' ');
}

/** The least-privilege statement for a process that reads and writes the table directly. */
export function registryIamStatement(t: RegistryTarget, access: 'read' | 'write' = 'write'): string {
  const arn = `arn:aws:dynamodb:${t.region}:ACCOUNT_ID:table/${t.tableName}`;
  const read = ['dynamodb:GetItem', 'dynamodb:Query'];
  const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];
  const actions = access === 'read' ? read : [...read, ...write];
  return JSON.stringify({ Effect: 'Allow', Action: actions, Resource: [arn, `${arn}/index/${CAPABILITY_INDEX}`] });
}

export function tableMissingMessage(t: RegistryTarget, memory = true): string {
  const next = t.endpoint
    ? `Create it: ${createRegistryTableCommand(t)}`
    : `Deploy it: ${deployRegistryCommand(t)} (or create the table alone: ${createRegistryTableCommand(t)})`;
  return (
    `The agent registry table "${t.tableName}" does not exist ${where(t)}. ${meanwhile(memory)} ${next}. ` +
    'Or set agentify.registry.tableName / agentify.aws.region to an existing table.'
  );
}

export function accessDeniedMessage(t: RegistryTarget, detail: string, memory = true): string {
  return (
    `Access to the agent registry table "${t.tableName}" ${where(t)} was denied (${detail}). ${meanwhile(memory)} ` +
    `Add this statement to your identity's IAM policy: ${registryIamStatement(t)}`
  );
}

export function indexMissingMessage(t: RegistryTarget, memory = true): string {
  return (
    `The agent registry table "${t.tableName}" ${where(t)} has no ${CAPABILITY_INDEX}, so agents cannot be ` +
    `discovered by capability without scanning it. ${meanwhile(memory)} ` +
    `Recreate the table from infrastructure/agent-registry.yaml (or: ${createRegistryTableCommand(t)}).`
  );
}

export function unreachableMessage(t: RegistryTarget, detail: string, memory = true): string {
  return (
    `The agent registry table "${t.tableName}" cannot be reached ${where(t)} (${detail}). ${meanwhile(memory)} ` +
    'Check the network, agentify.dynamodb.endpoint and your credentials.'
  );
}

export function usingTableMessage(t: RegistryTarget, moved: number): string {
  const carried = moved ? `; ${moved} agent(s) registered in memory meanwhile were written to it` : '';
  return `The agent registry now uses the table "${t.tableName}" ${where(t)}${carried}.`;
}
