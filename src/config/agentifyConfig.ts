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

import {
  CONFIG_FILE_RELATIVE_PATH,
  DEFAULT_REGION,
  DEFAULT_TABLE_NAME,
  DEFAULT_WORKFLOW_ENTRY,
  FILE_SETTINGS,
  SETTINGS,
  type AgentifySettings,
  type SettingKey,
  type SettingSpec,
} from './settings';

export {
  CONFIG_FILE_RELATIVE_PATH,
  DEFAULT_REGION,
  DEFAULT_TABLE_NAME,
  DEFAULT_WORKFLOW_ENTRY,
  type AgentifySettings,
} from './settings';

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
  demoViewer: {
    /** Open the Demo Viewer once the workspace has opened. */
    openOnStartup: boolean;
  };
  otlp: {
    /** Run the OTLP/HTTP receiver on 127.0.0.1. */
    enabled: boolean;
    /** Its port; 0 = any free one. */
    port: number;
    /** Where the Demo Viewer's Send exports a run; '' = ask. */
    exportEndpoint: string;
    /** Also write the receiver's events into the events table. */
    writeToTable: boolean;
  };
  pricing: {
    /** The user's model prices, USD per 1,000 tokens, over the built-in ones. */
    models: Record<string, unknown>;
  };
  registry: {
    /** The agent registry's table. */
    tableName: string;
    /** An agent not seen for this many seconds is shown as stale. */
    staleAfterSeconds: number;
  };
  journal: {
    /** The session journal's table. */
    tableName: string;
    /** The deployed session state machine; '' = offline sessions. */
    stateMachineArn: string;
    /** The AgentCore app an offline session runs; '' = the workspace's or the bundled sample. */
    offlineAgent: string;
  };
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
  `Expected e.g. {"infrastructure": {"dynamodb": {"tableName": "${DEFAULT_TABLE_NAME}", "region": ` +
  `"${DEFAULT_REGION}", "endpoint": ""}}, ` +
  `"aws": {"profile": "default"}, "workflow": {"entry": "${DEFAULT_WORKFLOW_ENTRY}"}}.`;

/** Values a setting may not take even when of the right type, with what to say when it does. */
interface Check {
  ok: (value: string) => boolean;
  problem: (value: string) => string;
  /** What the setting's default means, for "… is used meanwhile". */
  byDefault: string;
}

const CHECKS: Partial<Record<SettingKey, Check>> = {
  'dynamodb.endpoint': {
    ok: (v) => v === '' || v === 'local' || /^https?:\/\/[^\s]+$/.test(v),
    problem: (v) => `The DynamoDB endpoint "${v}" is neither a URL (http://host:port) nor "local".`,
    byDefault: 'the AWS endpoint',
  },
};

type Path = readonly string[];

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
  for (const key of path.slice(0, -1)) cur = (cur[key] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

/** A setting's value in the config: trimmed, blank as unset or the default, bounded. */
function settingValue(spec: SettingSpec, raw: unknown): unknown {
  const fallback = spec.blankIsUnset ? undefined : spec.default;
  if (typeof raw !== spec.type) return fallback;
  if (typeof raw === 'string') return raw.trim() || fallback;
  if (typeof raw === 'number') return Math.min(spec.maximum ?? Infinity, Math.max(spec.minimum ?? -Infinity, raw));
  // A copy: VS Code hands object settings out as read-only proxies, which cannot be frozen.
  if (spec.type === 'object') return raw === null || Array.isArray(raw) ? fallback : JSON.parse(JSON.stringify(raw));
  return raw;
}

function fromSettings(settings: AgentifySettings, filePath: string, problems: ConfigProblem[]): AgentifyConfig {
  const config: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    let value = settingValue(spec, (settings as Record<string, unknown>)[spec.key]);
    const check = CHECKS[spec.key];
    if (check && typeof value === 'string' && !check.ok(value)) {
      problems.push({
        file: filePath,
        message: `${check.problem(value)} Fix agentify.${spec.key}; ${check.byDefault} is used meanwhile.`,
      });
      value = spec.default;
    }
    assign(config, spec.path, value);
  }
  return config as unknown as AgentifyConfig;
}

/**
 * Merges settings with the text of `.agentify/config.json` (undefined when the file is absent).
 * Never throws: a broken file yields the settings-only config plus a problem that names the file,
 * what is wrong and how to fix it.
 */
export function resolveConfig(
  settings: AgentifySettings,
  fileText: string | undefined,
  filePath = CONFIG_FILE_RELATIVE_PATH,
): ConfigResult {
  const problems: ConfigProblem[] = [];
  const config = fromSettings(settings, filePath, problems);
  if (fileText !== undefined && fileText.trim() !== '') overlayFile(config, fileText, filePath, problems);
  return { config, problems };
}

function overlayFile(config: AgentifyConfig, fileText: string, filePath: string, problems: ConfigProblem[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch (err) {
    problems.push({
      file: filePath,
      message:
        `${filePath} is not valid JSON (${(err as Error).message}). Fix the syntax or delete the file to use ` +
        `the VS Code settings. ${FILE_SHAPE_HINT}`,
    });
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push({ file: filePath, message: `${filePath} must contain a JSON object. ${FILE_SHAPE_HINT}` });
    return;
  }
  for (const spec of FILE_SETTINGS) {
    const { path, type } = spec;
    const value = lookup(parsed, path);
    if (value === undefined || value === null) continue;
    if (typeof value !== type) {
      problems.push({
        file: filePath,
        message:
          `${filePath}: "${path.join('.')}" must be a ${type}, but is ${JSON.stringify(value)}. Correct it or ` +
          `remove the key to use the VS Code setting.`,
      });
      continue;
    }
    const trimmed = typeof value === 'string' ? value.trim() : value;
    if (trimmed === '' && !spec.blankInFileCounts) continue;
    const check = CHECKS[spec.key];
    if (check && typeof trimmed === 'string' && !check.ok(trimmed)) {
      // The file is wrong, not the settings: they still say where to go.
      problems.push({
        file: filePath,
        message:
          `${filePath}: ${check.problem(trimmed)} Fix "${path.join('.')}" or remove it; the ` +
          `agentify.${spec.key} setting is used meanwhile.`,
      });
      continue;
    }
    assign(config as unknown as Record<string, unknown>, path, trimmed);
  }
}

/**
 * A copy of `config` with the events table's settings changed. `config` is left as it is: it may be
 * ConfigService's current value, and changing that in place would make the reload that follows
 * see no difference, so nobody would hear of the change.
 */
export function withEventsTable(
  config: AgentifyConfig,
  change: Partial<AgentifyConfig['infrastructure']['dynamodb']>,
): AgentifyConfig {
  return {
    ...config,
    infrastructure: { ...config.infrastructure, dynamodb: { ...config.infrastructure.dynamodb, ...change } },
  };
}

/** `value`, frozen all the way down: a shared config that someone writes to throws at the write. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
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
