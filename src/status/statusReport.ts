/** The text of "Agentify: Show Status": configuration, where it came from, and the table's state. */
import type { AgentifyConfig, ConfigProblem } from '../config/agentifyConfig';
import type { TableStatus } from '../eventsTable/tableValidator';
import { formatTableFeatures } from '../eventsTable/tableFeatures';

export interface StatusReportInput {
  config: AgentifyConfig;
  problems: readonly ConfigProblem[];
  table: TableStatus;
  localEndpoint?: string;
}

export function formatStatusReport({ config, problems, table, localEndpoint }: StatusReportInput): string {
  const d = config.infrastructure.dynamodb;
  const endpoint = d.endpoint === 'local' ? `local (${localEndpoint ?? 'not started'})` : d.endpoint || 'AWS';
  const lines = [
    'Agentify status',
    `  table        ${d.tableName}`,
    `  region       ${d.region}`,
    `  endpoint     ${endpoint}`,
    `  profile      ${config.aws.profile ?? '(default credential chain)'}`,
    `  python       ${config.python.path ?? '(python3 from PATH)'}`,
    `  entry        ${config.workflow.entry}`,
    `  table state  ${table.state}${table.itemCount !== undefined ? ` (${table.itemCount} items)` : ''}`,
    `  ${table.message}`,
    ...(table.features ? formatTableFeatures(table.features).map((line) => `  ${line}`) : []),
  ];
  if (problems.length) lines.push('  configuration problems:', ...problems.map((p) => `    - ${p.message}`));
  return lines.join('\n');
}
