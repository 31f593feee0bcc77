/**
 * Deploys the bundled events-table template through the CloudFormation API: creates the stack, or
 * updates it when it exists (an update with nothing to change is success), waits for it to settle
 * and returns its outputs. Progress is reported as plain text lines.
 */
import type { Stack } from '@aws-sdk/client-cloudformation';
import type { AwsClients } from '../aws/clientFactory';
import { AgentifyError } from '../common/errors';
import type { TemplateParameters } from './tableDefinition';

export interface DeployRequest {
  stackName: string;
  templateBody: string;
  tableName: string;
  /** Further template parameters (the hardening switches, TtlDays); TableName comes from `tableName`. */
  parameters?: TemplateParameters;
  /** Max wait in seconds. Default 600. */
  maxWaitSeconds?: number;
}

export interface DeployResult {
  action: 'created' | 'updated' | 'unchanged';
  stackStatus: string;
  outputs: Record<string, string>;
}

export { DEFAULT_STACK_NAME } from '../config/settings';

function outputsOf(stack: Stack | undefined): Record<string, string> {
  return Object.fromEntries(
    (stack?.Outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
  );
}

function stackState(stack: Stack | undefined): string {
  if (!stack?.StackStatus) return '';
  return ` (${stack.StackStatus}${stack.StackStatusReason ? `: ${stack.StackStatusReason}` : ''})`;
}

export async function deployEventsTableStack(
  clients: AwsClients,
  req: DeployRequest,
  progress: (line: string) => void = () => undefined,
): Promise<DeployResult> {
  const cfn = await import('@aws-sdk/client-cloudformation');
  const client = await clients.client(cfn.CloudFormationClient);
  const params = Object.entries({ ...req.parameters, TableName: req.tableName }).map(([key, value]) => ({
    ParameterKey: key,
    ParameterValue: value,
  }));
  const describe = async () =>
    (await client.send(new cfn.DescribeStacksCommand({ StackName: req.stackName }))).Stacks?.[0];

  let existing: Stack | undefined;
  try {
    existing = await describe();
  } catch (err) {
    if (!/does not exist/i.test((err as Error).message ?? '')) throw err;
  }
  if (existing?.StackStatus === 'ROLLBACK_COMPLETE') {
    progress(`Stack ${req.stackName} is in ROLLBACK_COMPLETE from an earlier failed create; deleting it first…`);
    await client.send(new cfn.DeleteStackCommand({ StackName: req.stackName }));
    await cfn.waitUntilStackDeleteComplete(
      { client, maxWaitTime: req.maxWaitSeconds ?? 600, minDelay: 1, maxDelay: 5 },
      { StackName: req.stackName },
    );
    existing = undefined;
  }

  const waiterConfig = { client, maxWaitTime: req.maxWaitSeconds ?? 600, minDelay: 1, maxDelay: 5 };
  let action: DeployResult['action'];
  try {
    if (existing) {
      progress(`Updating stack ${req.stackName}…`);
      await client.send(
        new cfn.UpdateStackCommand({ StackName: req.stackName, TemplateBody: req.templateBody, Parameters: params }),
      );
      await cfn.waitUntilStackUpdateComplete(waiterConfig, { StackName: req.stackName });
      action = 'updated';
    } else {
      progress(`Creating stack ${req.stackName} with table ${req.tableName}…`);
      await client.send(
        new cfn.CreateStackCommand({
          StackName: req.stackName,
          TemplateBody: req.templateBody,
          Parameters: params,
          Tags: [{ Key: 'application', Value: 'agentify' }],
        }),
      );
      await cfn.waitUntilStackCreateComplete(waiterConfig, { StackName: req.stackName });
      action = 'created';
    }
  } catch (err) {
    if (/No updates are to be performed/i.test((err as Error).message ?? '')) {
      action = 'unchanged';
    } else {
      const stack = await describe().catch(() => undefined);
      throw new AgentifyError(
        `Deploying the stack "${req.stackName}" failed${stackState(stack)}: ${(err as Error).message}. ` +
          `Open the CloudFormation console's Events tab for the stack to see which resource failed, fix it and ` +
          `run "Agentify: Initialize Project" again.`,
        { code: 'DeployFailed', cause: err },
      );
    }
  }
  const stack = await describe();
  progress(`Stack ${req.stackName}: ${stack?.StackStatus}.`);
  return { action, stackStatus: stack?.StackStatus ?? 'UNKNOWN', outputs: outputsOf(stack) };
}
