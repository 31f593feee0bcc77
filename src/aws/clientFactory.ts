/**
 * The one place AWS clients are built: credential chain (env, shared config, named profile, SSO,
 * process, instance metadata via @aws-sdk/credential-providers), region, optional endpoint
 * override and retry settings. Clients are cached per (profile, region, endpoint) and the old one
 * is destroyed when settings change. The SDK is imported lazily so activation stays fast.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { SFNClient } from '@aws-sdk/client-sfn';
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

/** What services depend on: they never build clients themselves. */
export interface DynamoDbClientProvider {
  getDynamoDbDocumentClientAsync(): Promise<DynamoDBDocumentClient>;
  getDynamoDbClientAsync(): Promise<DynamoDBClient>;
}

export interface CloudFormationClientProvider {
  getCloudFormationClientAsync(): Promise<CloudFormationClient>;
}

export interface BedrockRuntimeClientProvider {
  getBedrockRuntimeClientAsync(): Promise<BedrockRuntimeClient>;
}

export interface SfnClientProvider {
  getSfnClientAsync(): Promise<SFNClient>;
}

interface CachedClients {
  key: string;
  dynamo: Promise<{ client: DynamoDBClient; doc: DynamoDBDocumentClient }>;
  cloudFormation?: Promise<CloudFormationClient>;
  bedrockRuntime?: Promise<BedrockRuntimeClient>;
  sfn?: Promise<SFNClient>;
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

async function credentialsFor(s: AwsClientSettings): Promise<AwsCredentialIdentity | AwsCredentialIdentityProvider> {
  if (s.staticCredentials) return s.staticCredentials;
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain(s.profile ? { profile: s.profile } : {});
}

export class AwsClientFactory
  extends Disposable
  implements DynamoDbClientProvider, CloudFormationClientProvider, BedrockRuntimeClientProvider, SfnClientProvider
{
  private cached: CachedClients | undefined;
  /** Number of clients built so far (for status and tests of the cache). */
  builds = 0;

  /**
   * @param readSettings current settings; may be async (endpoint "local" first starts the embedded
   * server), and is read on every call so a configuration change takes effect at once.
   */
  constructor(private readonly readSettings: () => AwsClientSettings | Promise<AwsClientSettings>) {
    super();
    this.register(toDisposable(() => this.destroyCached()));
  }

  /** Drops the cached clients now when the settings changed (call on configuration change). */
  async refresh(): Promise<void> {
    const key = settingsKey(await this.readSettings());
    if (this.cached && this.cached.key !== key) this.destroyCached();
  }

  async getDynamoDbDocumentClientAsync(): Promise<DynamoDBDocumentClient> {
    return (await (await this.entry()).entry.dynamo).doc;
  }

  async getDynamoDbClientAsync(): Promise<DynamoDBClient> {
    return (await (await this.entry()).entry.dynamo).client;
  }

  async getCloudFormationClientAsync(): Promise<CloudFormationClient> {
    const { entry, settings } = await this.entry();
    entry.cloudFormation ??= this.buildCloudFormation(settings);
    return entry.cloudFormation;
  }

  async getBedrockRuntimeClientAsync(): Promise<BedrockRuntimeClient> {
    const { entry, settings } = await this.entry();
    entry.bedrockRuntime ??= this.buildBedrockRuntime(settings);
    return entry.bedrockRuntime;
  }

  async getSfnClientAsync(): Promise<SFNClient> {
    const { entry, settings } = await this.entry();
    entry.sfn ??= (async () => {
      const { SFNClient } = await import('@aws-sdk/client-sfn');
      return new SFNClient({
        region: settings.region,
        endpoint: settings.endpoint || undefined,
        credentials: await credentialsFor(settings),
        maxAttempts: settings.maxAttempts ?? 3,
      });
    })();
    return entry.sfn;
  }

  private async entry(): Promise<{ entry: CachedClients; settings: AwsClientSettings }> {
    const settings = await this.readSettings();
    const key = settingsKey(settings);
    if (this.cached?.key !== key) {
      this.destroyCached();
      this.cached = { key, dynamo: this.buildDynamo(settings) };
    }
    return { entry: this.cached, settings };
  }

  private async buildDynamo(s: AwsClientSettings) {
    const [{ DynamoDBClient }, { DynamoDBDocumentClient }] = await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('@aws-sdk/lib-dynamodb'),
    ]);
    this.builds++;
    const client = new DynamoDBClient({
      region: s.region,
      endpoint: s.endpoint || undefined,
      credentials: await credentialsFor(s),
      maxAttempts: s.maxAttempts ?? 3,
      retryMode: 'standard',
    });
    const doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
      unmarshallOptions: { wrapNumbers: false },
    });
    return { client, doc };
  }

  private async buildCloudFormation(s: AwsClientSettings): Promise<CloudFormationClient> {
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    return new CloudFormationClient({
      region: s.region,
      endpoint: s.endpoint || undefined,
      credentials: await credentialsFor(s),
      maxAttempts: s.maxAttempts ?? 3,
    });
  }

  private async buildBedrockRuntime(s: AwsClientSettings): Promise<BedrockRuntimeClient> {
    const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
    return new BedrockRuntimeClient({
      region: s.region,
      endpoint: s.endpoint || undefined,
      credentials: await credentialsFor(s),
      maxAttempts: s.maxAttempts ?? 3,
    });
  }

  private destroyCached(): void {
    const old = this.cached;
    this.cached = undefined;
    if (!old) return;
    old.dynamo.then(({ client }) => client.destroy()).catch(() => undefined);
    old.cloudFormation?.then((c) => c.destroy()).catch(() => undefined);
    old.bedrockRuntime?.then((c) => c.destroy()).catch(() => undefined);
    old.sfn?.then((c) => c.destroy()).catch(() => undefined);
  }
}
