/**
 * Agentify's typed configuration and how it is assembled: VS Code settings overlaid by the
 * workspace's `.agentify/config.json`. Pure (no `vscode`), so precedence and bad-file handling are
 * unit-tested directly; src/config/configService.ts feeds it from the editor.
 *
 * Precedence, highest first:
 *   1. `.agentify/config.json` in the workspace (project-level: checked in, shared by the team)
 *   2. VS Code settings (`agentify.*`: user, workspace and folder scopes as VS Code merges them)
 *   3. defaults below
 * A setting the user changed explicitly in VS Code still loses to the file; the file is the
 * project's contract (the Initialize Project command writes it).
 */

export const DEFAULT_TABLE_NAME = 'agentify-workflow-events';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_WORKFLOW_ENTRY = 'agents/main.py';
export const CONFIG_FILE_RELATIVE_PATH = '.agentify/config.json';
export const DEFAULT_TTL_DAYS = 1;

export interface AgentifyConfig {
  infrastructure: {
    dynamodb: {
      tableName: string;
      region: string;
      /** '' = AWS, 'local' = the embedded server, otherwise a URL. */
      endpoint: string;
      /** Owner key of this workspace's runs in the table's indexes; undefined = the workspace folder's name. */
      owner?: string;
      /** Days the producers keep an event (AGENTIFY_TTL_DAYS); 1 when unset. */
      ttlDays?: number;
    };
  };
  aws: {
    /** Named profile; undefined = the default credential chain. */
    profile?: string;
  };
  python: {
    /** Interpreter path; undefined = python3/python found on PATH. */
    path?: string;
  };
  workflow: {
    /** Entry script, relative to the workspace folder. */
    entry: string;
    /** When false the workflow's events come only through the table (AGENTIFY_STDOUT=0). */
    stdoutEvents: boolean;
    /** Stop a run after this many seconds; 0 = no limit. */
    timeoutSeconds: number;
  };
  bedrock: {
    /** Model id for the Ideation Wizard's Bedrock assistant; '' = offline assistant. */
    modelId: string;
  };
}

/** The flat `agentify.*` settings as VS Code returns them (undefined when unset). */
export interface AgentifySettings {
  'dynamodb.tableName'?: string;
  'dynamodb.endpoint'?: string;
  'dynamodb.owner'?: string;
  'dynamodb.ttlDays'?: number;
  'aws.region'?: string;
  'aws.profile'?: string;
  'python.path'?: string;
  'workflow.entry'?: string;
  'workflow.stdoutEvents'?: boolean;
  'workflow.timeoutSeconds'?: number;
  'bedrock.modelId'?: string;
}

export interface ConfigProblem {
  file: string;
  message: string;
}

export interface ConfigResult {
  config: AgentifyConfig;
  problems: ConfigProblem[];
}

const FILE_SHAPE_HINT =
  'Expected e.g. {"infrastructure": {"dynamodb": {"tableName": "agentify-workflow-events", "region": "us-east-1", "endpoint": ""}}, "aws": {"profile": "default"}, "workflow": {"entry": "agents/main.py"}}.';

function emptyToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function validTtlDays(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 365 ? value : undefined;
}

function fromSettings(s: AgentifySettings): AgentifyConfig {
  return {
    infrastructure: {
      dynamodb: {
        tableName: emptyToUndefined(s['dynamodb.tableName']) ?? DEFAULT_TABLE_NAME,
        region: emptyToUndefined(s['aws.region']) ?? DEFAULT_REGION,
        endpoint: s['dynamodb.endpoint']?.trim() ?? '',
        owner: emptyToUndefined(s['dynamodb.owner']),
        ttlDays: validTtlDays(s['dynamodb.ttlDays']) ?? DEFAULT_TTL_DAYS,
      },
    },
    aws: { profile: emptyToUndefined(s['aws.profile']) },
    python: { path: emptyToUndefined(s['python.path']) },
    workflow: {
      entry: emptyToUndefined(s['workflow.entry']) ?? DEFAULT_WORKFLOW_ENTRY,
      stdoutEvents: s['workflow.stdoutEvents'] ?? true,
      timeoutSeconds: Math.max(0, s['workflow.timeoutSeconds'] ?? 0),
    },
    bedrock: { modelId: s['bedrock.modelId']?.trim() ?? '' },
  };
}

type Path = readonly string[];

/** The keys the file may set, with the type each must have. */
const FILE_KEYS: { path: Path; type: 'string' | 'boolean' | 'number' }[] = [
  { path: ['infrastructure', 'dynamodb', 'tableName'], type: 'string' },
  { path: ['infrastructure', 'dynamodb', 'region'], type: 'string' },
  { path: ['infrastructure', 'dynamodb', 'endpoint'], type: 'string' },
  { path: ['infrastructure', 'dynamodb', 'owner'], type: 'string' },
  { path: ['infrastructure', 'dynamodb', 'ttlDays'], type: 'number' },
  { path: ['aws', 'profile'], type: 'string' },
  { path: ['python', 'path'], type: 'string' },
  { path: ['workflow', 'entry'], type: 'string' },
  { path: ['workflow', 'stdoutEvents'], type: 'boolean' },
  { path: ['workflow', 'timeoutSeconds'], type: 'number' },
  { path: ['bedrock', 'modelId'], type: 'string' },
];

function lookup(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function assign(target: Record<string, unknown>, path: Path, value: unknown): void {
  let cur = target;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

/**
 * Merges settings with the text of `.agentify/config.json` (undefined when the file is absent).
 * Never throws: a broken file yields the settings-only config plus a problem that names the file,
 * what is wrong and how to fix it.
 */
export function resolveConfig(settings: AgentifySettings, fileText: string | undefined, filePath = CONFIG_FILE_RELATIVE_PATH): ConfigResult {
  const config = fromSettings(settings);
  const problems: ConfigProblem[] = [];
  if (fileText !== undefined && fileText.trim() !== '') overlayFile(config, fileText, filePath, problems);
  const endpoint = config.infrastructure.dynamodb.endpoint;
  if (endpoint && endpoint !== 'local' && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    problems.push({ file: filePath, message: `The DynamoDB endpoint "${endpoint}" is neither a URL (http://host:port) nor "local". Fix agentify.dynamodb.endpoint; the AWS endpoint is used meanwhile.` });
    config.infrastructure.dynamodb.endpoint = '';
  }
  return { config, problems };
}

function overlayFile(config: AgentifyConfig, fileText: string, filePath: string, problems: ConfigProblem[]): void {

  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch (err) {
    problems.push({ file: filePath, message: `${filePath} is not valid JSON (${(err as Error).message}). Fix the syntax or delete the file to use the VS Code settings. ${FILE_SHAPE_HINT}` });
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push({ file: filePath, message: `${filePath} must contain a JSON object. ${FILE_SHAPE_HINT}` });
    return;
  }
  for (const { path, type } of FILE_KEYS) {
    const value = lookup(parsed, path);
    if (value === undefined || value === null) continue;
    if (typeof value !== type) {
      problems.push({ file: filePath, message: `${filePath}: "${path.join('.')}" must be a ${type}, but is ${JSON.stringify(value)}. Correct it or remove the key to use the VS Code setting.` });
      continue;
    }
    if (type === 'string' && (value as string).trim() === '' && path[path.length - 1] !== 'endpoint') continue;
    assign(config as unknown as Record<string, unknown>, path, type === 'string' ? (value as string).trim() : value);
  }
}

/** The content Initialize Project writes. */
export function configFileContent(config: AgentifyConfig): string {
  const file = {
    infrastructure: { dynamodb: { ...config.infrastructure.dynamodb } },
    ...(config.aws.profile ? { aws: { profile: config.aws.profile } } : {}),
    workflow: { entry: config.workflow.entry },
  };
  return JSON.stringify(file, null, 2) + '\n';
}
