/**
 * Every `agentify.*` setting, declared once: its key, type, default and description, where it
 * lands in AgentifyConfig and whether `.agentify/config.json` may set it. The config's defaults,
 * the keys ConfigService reads and the keys the file accepts are derived from this table;
 * test/unit/config/settings.test.ts checks it against package.json `contributes.configuration`.
 * Shared names (the default table, region and stack) are the constants below.
 */

export const DEFAULT_TABLE_NAME = 'agentify-workflow-events';
export const DEFAULT_REGION = 'us-east-1';
/** The CloudFormation stack Initialize Project deploys is named after the table it holds. */
export const DEFAULT_STACK_NAME = DEFAULT_TABLE_NAME;
export const DEFAULT_WORKFLOW_ENTRY = 'agents/main.py';
export const CONFIG_FILE_RELATIVE_PATH = '.agentify/config.json';
/** How long the producers keep an event by default (the table's TTL attribute), in days. */
export const DEFAULT_TTL_DAYS = 1;
export const DEFAULT_JOURNAL_TABLE = 'agentify-session-journal';
export const DEFAULT_REGISTRY_TABLE = 'AgentRegistry';

interface Kinds {
  string: string;
  boolean: boolean;
  number: number;
  object: Record<string, unknown>;
}

export interface SettingSpec<K extends keyof Kinds = keyof Kinds> {
  /** The key after `agentify.`. */
  readonly key: string;
  readonly type: K;
  readonly default: Kinds[K];
  /** Shown in the Settings editor (as Markdown when `markdown` is set). */
  readonly description: string;
  readonly markdown?: boolean;
  /** Where the value lands in AgentifyConfig. */
  readonly path: readonly string[];
  /** Whether `.agentify/config.json` may set it, at the same path. */
  readonly inFile: boolean;
  /** A blank string means "not set" (undefined in the config) rather than the default. */
  readonly blankIsUnset?: boolean;
  /** A blank string in the file still overrides the settings (the endpoint: blank = AWS). */
  readonly blankInFileCounts?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly scope?: 'resource';
  /** JSON Schema keywords package.json carries beyond the type (an object setting's value shape). */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** Position in the Settings editor. */
  readonly order: number;
}

type AnySpec = SettingSpec<'string'> | SettingSpec<'boolean'> | SettingSpec<'number'> | SettingSpec<'object'>;

/** Keeps each entry's literal key and type (they make the settings type), and ties the default to the type. */
const spec = <const S extends AnySpec>(s: S) => s;

export const SETTINGS = [
  spec({
    key: 'dynamodb.tableName',
    order: 1,
    type: 'string',
    default: DEFAULT_TABLE_NAME,
    markdown: true,
    description:
      'Name of the DynamoDB table that stores workflow events (deploy it with `infrastructure/dynamodb-table.yaml`).',
    path: ['infrastructure', 'dynamodb', 'tableName'],
    inFile: true,
  }),
  spec({
    key: 'aws.region',
    order: 2,
    type: 'string',
    default: DEFAULT_REGION,
    description: 'AWS region of the events table.',
    path: ['infrastructure', 'dynamodb', 'region'],
    inFile: true,
  }),
  spec({
    key: 'aws.profile',
    order: 3,
    type: 'string',
    default: '',
    markdown: true,
    description:
      'Named profile from `~/.aws/config` (including SSO profiles). Empty uses the default credential chain.',
    path: ['aws', 'profile'],
    inFile: true,
    blankIsUnset: true,
  }),
  spec({
    key: 'dynamodb.endpoint',
    order: 4,
    type: 'string',
    default: '',
    markdown: true,
    description:
      'DynamoDB endpoint override. Empty = AWS; `local` = the embedded DynamoDB Local that Agentify starts (needs ' +
      'Java 17+); ' +
      'or a URL such as `http://127.0.0.1:8000`.',
    path: ['infrastructure', 'dynamodb', 'endpoint'],
    inFile: true,
    blankInFileCounts: true,
  }),
  spec({
    key: 'python.path',
    order: 5,
    type: 'string',
    default: '',
    markdown: true,
    description:
      'Python interpreter that runs the workflow. Empty = the one selected in the Python extension when it is ' +
      'installed, else `python3` (or `python`) from PATH.',
    path: ['python', 'path'],
    inFile: true,
    blankIsUnset: true,
  }),
  spec({
    key: 'workflow.entry',
    order: 6,
    type: 'string',
    default: DEFAULT_WORKFLOW_ENTRY,
    description: 'Workflow entry script, relative to the workspace folder.',
    path: ['workflow', 'entry'],
    inFile: true,
  }),
  spec({
    key: 'workflow.stdoutEvents',
    order: 7,
    type: 'boolean',
    default: true,
    markdown: true,
    description:
      "Read events from the workflow's stdout as well as the table. Off = events arrive only through DynamoDB " +
      '(`AGENTIFY_STDOUT=0`).',
    path: ['workflow', 'stdoutEvents'],
    inFile: true,
  }),
  spec({
    key: 'workflow.timeoutSeconds',
    order: 8,
    type: 'number',
    default: 0,
    minimum: 0,
    description: 'Stop a workflow run after this many seconds (0 = no limit).',
    path: ['workflow', 'timeoutSeconds'],
    inFile: true,
  }),
  spec({
    key: 'otlp.enabled',
    order: 20,
    type: 'boolean',
    default: true,
    description:
      'Receive OpenTelemetry traces (OTLP/HTTP) on 127.0.0.1, so agents traced with OpenTelemetry show in the Demo ' +
      'Viewer; ' +
      'workflows run from the editor are pointed at it.',
    path: ['otlp', 'enabled'],
    inFile: false,
  }),
  spec({
    key: 'otlp.port',
    order: 21,
    type: 'number',
    default: 4318,
    minimum: 0,
    maximum: 65535,
    description:
      'Port of the OTLP receiver on 127.0.0.1 (0 = any free port). When it is taken, a free one is used and the ' +
      'output log says which.',
    path: ['otlp', 'port'],
    inFile: false,
  }),
  spec({
    key: 'otlp.exportEndpoint',
    order: 22,
    type: 'string',
    default: '',
    description:
      "OTLP/HTTP traces endpoint the Demo Viewer's Send exports a run to (e.g. http://localhost:4318/v1/traces for a " +
      'collector, ' +
      'Langfuse or Phoenix); asked for when empty.',
    path: ['otlp', 'exportEndpoint'],
    inFile: false,
  }),
  spec({
    key: 'otlp.writeToTable',
    order: 23,
    type: 'boolean',
    default: false,
    markdown: true,
    description:
      'Also write the events the OTLP receiver maps into the events table (`agentify.dynamodb.tableName`), so runs ' +
      'traced with OpenTelemetry are kept and listed in the team history like runs of the decorators. Written in the ' +
      'background; a failure is one line in the Agentify output log and never affects the receiver.',
    path: ['otlp', 'writeToTable'],
    inFile: false,
  }),
  spec({
    key: 'bedrock.modelId',
    order: 9,
    type: 'string',
    default: '',
    markdown: true,
    description:
      'Amazon Bedrock model id for the Ideation Wizard assistant (e.g. `anthropic.claude-3-5-sonnet-20240620-v1:0`). ' +
      'Empty = the offline assistant.',
    path: ['bedrock', 'modelId'],
    inFile: true,
  }),
  spec({
    key: 'dynamodb.owner',
    order: 11,
    type: 'string',
    default: '',
    markdown: true,
    description:
      "Owner key this workspace's runs carry in the events table's indexes (`EventTypeIndex`, `StatusIndex`); the " +
      "Demo Viewer's " +
      "team history and recent failures list the runs written under it. Empty = the workspace folder's name. Passed " +
      'to the ' +
      'workflow as `AGENTIFY_OWNER`.',
    path: ['infrastructure', 'dynamodb', 'owner'],
    inFile: true,
    blankIsUnset: true,
  }),
  spec({
    key: 'dynamodb.ttlDays',
    order: 12,
    type: 'number',
    default: DEFAULT_TTL_DAYS,
    minimum: 1,
    maximum: 365,
    markdown: true,
    description:
      'Days an event is kept in the table before DynamoDB may delete it (1 = 24 h; 30 for a shared table deployed ' +
      'with ' +
      '`TtlDays=30`). Passed to the workflow as `AGENTIFY_TTL_DAYS`.',
    path: ['infrastructure', 'dynamodb', 'ttlDays'],
    inFile: true,
  }),
  spec({
    key: 'demoViewer.openOnStartup',
    order: 10,
    type: 'boolean',
    default: false,
    scope: 'resource',
    markdown: true,
    description:
      'Open the Demo Viewer when this workspace opens, ready to run the workflow (handy for a demo workspace).',
    path: ['demoViewer', 'openOnStartup'],
    // A preference of this workspace's user, not part of the project's contract.
    inFile: false,
  }),
  spec({
    key: 'pricing.models',
    order: 11,
    type: 'object',
    default: {},
    schema: {
      additionalProperties: {
        type: 'object',
        properties: {
          input: { type: 'number', minimum: 0, description: 'USD per 1,000 input tokens.' },
          output: { type: 'number', minimum: 0, description: 'USD per 1,000 output tokens.' },
        },
        required: ['input', 'output'],
      },
    },
    markdown: true,
    description:
      "Model prices for the Demo Viewer's cost estimates, in USD per 1,000 tokens, e.g. `{ " +
      '"anthropic.claude-3-5-sonnet": ' +
      '{ "input": 0.003, "output": 0.015 } }`. A key matches model ids that start with it (region and provider ' +
      'prefixes ' +
      'such as `us.` and `anthropic.` are ignored). Added to, and taking precedence over, built-in list prices for ' +
      'common ' +
      'Bedrock, OpenAI and Anthropic models; models with no price show "no price".',
    path: ['pricing', 'models'],
    inFile: false,
  }),
  spec({
    key: 'journal.tableName',
    order: 20,
    type: 'string',
    default: DEFAULT_JOURNAL_TABLE,
    markdown: true,
    description:
      'DynamoDB table of the session journal (deploy it with `infrastructure/session-journal.yaml`; its ' +
      '`JournalTableName` output).',
    path: ['journal', 'tableName'],
    inFile: false,
  }),
  spec({
    key: 'journal.stateMachineArn',
    order: 21,
    type: 'string',
    default: '',
    markdown: true,
    description:
      "ARN of the deployed session state machine (the template's `StateMachineArn` output). Empty, or " +
      '`agentify.dynamodb.endpoint` ' +
      'set to `local`, runs **Agentify: Start Session** offline: the same state machine in the editor, DynamoDB ' +
      'Local, and a local ' +
      'stand-in of the agent runtime.',
    path: ['journal', 'stateMachineArn'],
    inFile: false,
  }),
  spec({
    key: 'journal.offlineAgent',
    order: 22,
    type: 'string',
    default: '',
    markdown: true,
    description:
      'AgentCore app an offline session runs, as `path/to/app.py[:function]` relative to the workspace. Empty = the ' +
      "workspace's " +
      '`agents/agentcore_app.py`, else the bundled research-team sample.',
    path: ['journal', 'offlineAgent'],
    inFile: false,
  }),
  spec({
    key: 'registry.tableName',
    order: 30,
    type: 'string',
    default: DEFAULT_REGISTRY_TABLE,
    markdown: true,
    description:
      'DynamoDB table of the agent registry (deploy it with `infrastructure/agent-registry.yaml`; same region and ' +
      'endpoint as ' +
      'the events table). When it is missing, agents are kept in memory only until it exists.',
    path: ['registry', 'tableName'],
    inFile: false,
  }),
  spec({
    key: 'registry.staleAfterSeconds',
    order: 31,
    type: 'number',
    default: 300,
    minimum: 10,
    description:
      'An agent not seen (registered or heartbeat) for this many seconds is shown as stale; it is never deleted.',
    path: ['registry', 'staleAfterSeconds'],
    inFile: false,
  }),
] as const;

type Setting = (typeof SETTINGS)[number];

/** The flat `agentify.*` settings as VS Code returns them (undefined when unset). */
export type AgentifySettings = { [S in Setting as S['key']]?: Kinds[S['type']] };

export type SettingKey = keyof AgentifySettings;

/** Every key, for reading them all from VS Code. */
export const SETTING_KEYS: readonly SettingKey[] = SETTINGS.map((s) => s.key);

/** The keys `.agentify/config.json` may set. */
export const FILE_SETTINGS: readonly (SettingSpec & { key: SettingKey })[] = SETTINGS.filter((s) => s.inFile);
