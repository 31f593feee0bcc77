/**
 * A registry table of its own on the run's DynamoDB Local (created from the template's
 * definition) and registries pointed at it through the production client factory.
 */
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { AgentRegistry, AgentRegistryOptions } from '../../../src/registry/agentRegistry';
import { ensureRegistryTable, loadRegistryTable } from '../../../src/registry/registryTable';
import { REPO_ROOT, localSettings, uniqueTableName } from '../../support/localTable';

export const registryTable = loadRegistryTable(REPO_ROOT);

export interface RegistryFixture {
  factory: AwsClientFactory;
  tableName: string;
  messages: string[];
  registry(options?: Partial<AgentRegistryOptions>): AgentRegistry;
  dispose(): void;
}

export async function registryFixture(options: { createTable?: boolean } = {}): Promise<RegistryFixture> {
  const factory = new AwsClientFactory(() => localSettings());
  const tableName = uniqueTableName('agentify-registry');
  if (options.createTable ?? true) await ensureRegistryTable(await dynamoDbClient(factory), tableName, registryTable);
  const messages: string[] = [];
  return {
    factory,
    tableName,
    messages,
    registry: (extra = {}) =>
      new AgentRegistry({
        clients: factory,
        tableName: () => tableName,
        target: () => ({ region: 'us-east-1', endpoint: localSettings().endpoint }),
        log: (m) => messages.push(m),
        ...extra,
      }),
    dispose: () => factory.dispose(),
  };
}

export const profile = (id: string, capabilities: string[], extra: Record<string, unknown> = {}) => ({
  id,
  name: `Agent ${id}`,
  endpoint: `https://agents.example.com/${id}`,
  capabilities,
  ...extra,
});

export const ids = (agents: { id: string }[]) => agents.map((a) => a.id).sort();
