/**
 * The one place AWS clients are built: credential chain (env, shared config, named profile, SSO,
 * process, instance metadata via @aws-sdk/credential-providers), region, optional endpoint
 * override and retry settings. It is generic over the client class: a service hands in the class
 * it imported (lazily, so activation stays fast) and gets the one cached client of that class for
 * the current settings. Clients are cached per (profile, region, endpoint) and destroyed when the
 * settings change.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { Disposable, toDisposable } from '../common/disposable';

export interface AwsClientSettings {
  region: string;
  /** Named profile from ~/.aws/config; undefined → the default credential chain. */
  profile?: string;
  /** Endpoint override (a URL); undefined → the real AWS endpoint for the region. */
  endpoint?: string;
  /** Static credentials to use instead of the chain (the embedded local server accepts any). */
  staticCredentials?: AwsCredentialIdentity;
  /** Attempts per request including the first, for the SDK's standard retry mode. Default 3. */
  maxAttempts?: number;
}

/** What every SDK v3 client constructor accepts of ours. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  retryMode: 'standard';
}

export interface AwsClient {
  destroy(): void;
}

export type AwsClientClass<C extends AwsClient> = new (config: AwsClientConfig) => C;

/**
 * Where a client goes. `configured`: the settings' endpoint and credentials (DynamoDB Local, moto,
 * LocalStack or AWS). `aws`: the real service for the region and profile, for services the endpoint
 * override does not serve (Bedrock, Step Functions). The settings reader decides what each means.
 */
export type ClientTarget = 'configured' | 'aws';

/** What services depend on: they never build clients themselves. */
export interface AwsClients {
  client<C extends AwsClient>(clientClass: AwsClientClass<C>, target?: ClientTarget): Promise<C>;
  /** The DynamoDB document client over the cached DynamoDBClient (numbers unwrapped). */
  documentClient(): Promise<DynamoDBDocumentClient>;
}

export function settingsKey(s: AwsClientSettings): string {
  return JSON.stringify([
    s.profile ?? '',
    s.region,
    s.endpoint ?? '',
    s.staticCredentials?.accessKeyId ?? '',
    s.maxAttempts ?? 3,
  ]);
}

async function clientConfig(s: AwsClientSettings): Promise<AwsClientConfig> {
  let credentials: AwsClientConfig['credentials'];
  if (s.staticCredentials) credentials = s.staticCredentials;
  else {
    const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
    credentials = fromNodeProviderChain(s.profile ? { profile: s.profile } : {});
  }
  return {
    region: s.region,
    endpoint: s.endpoint || undefined,
    credentials,
    maxAttempts: s.maxAttempts ?? 3,
    retryMode: 'standard',
  };
}

interface CachedClients {
  key: string;
  clients: Map<AwsClientClass<AwsClient>, Promise<AwsClient>>;
  document?: Promise<DynamoDBDocumentClient>;
}

export type AwsSettingsReader = (target: ClientTarget) => AwsClientSettings | Promise<AwsClientSettings>;

export class AwsClientFactory extends Disposable implements AwsClients {
  private readonly cached = new Map<ClientTarget, CachedClients>();
  /** Number of clients built so far (for status and tests of the cache). */
  builds = 0;

  /**
   * @param readSettings current settings per target; may be async (endpoint "local" first starts
   * the embedded server), and is read on every call so a configuration change takes effect at once.
   */
  constructor(private readonly readSettings: AwsSettingsReader) {
    super();
    this.register(toDisposable(() => [...this.cached.keys()].forEach((t) => this.destroyCached(t))));
  }

  /** Drops the cached clients now whose settings changed (call on configuration change). */
  async refresh(): Promise<void> {
    for (const [target, entry] of [...this.cached]) {
      if (settingsKey(await this.readSettings(target)) !== entry.key) this.destroyCached(target);
    }
  }

  async client<C extends AwsClient>(clientClass: AwsClientClass<C>, target: ClientTarget = 'configured'): Promise<C> {
    const settings = await this.readSettings(target);
    const entry = this.entryFor(target, settings);
    let client = entry.clients.get(clientClass);
    if (!client) {
      client = clientConfig(settings).then((config) => {
        this.builds++;
        return new clientClass(config);
      });
      entry.clients.set(clientClass, client);
    }
    return client as Promise<C>;
  }

  async documentClient(): Promise<DynamoDBDocumentClient> {
    const entry = this.entryFor('configured', await this.readSettings('configured'));
    entry.document ??= (async () => {
      const [{ DynamoDBClient }, { DynamoDBDocumentClient }] = await Promise.all([
        import('@aws-sdk/client-dynamodb'),
        import('@aws-sdk/lib-dynamodb'),
      ]);
      return DynamoDBDocumentClient.from(await this.client(DynamoDBClient), {
        marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
        unmarshallOptions: { wrapNumbers: false },
      });
    })();
    return entry.document;
  }

  private entryFor(target: ClientTarget, settings: AwsClientSettings): CachedClients {
    const key = settingsKey(settings);
    let entry = this.cached.get(target);
    if (entry?.key !== key) {
      this.destroyCached(target);
      entry = { key, clients: new Map() };
      this.cached.set(target, entry);
    }
    return entry;
  }

  private destroyCached(target: ClientTarget): void {
    const old = this.cached.get(target);
    this.cached.delete(target);
    for (const client of old?.clients.values() ?? []) client.then((c) => c.destroy()).catch(() => undefined);
  }
}

/** The cached DynamoDBClient (the client most services need, for table and item commands). */
export async function dynamoDbClient(clients: AwsClients): Promise<import('@aws-sdk/client-dynamodb').DynamoDBClient> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  return clients.client(DynamoDBClient);
}
