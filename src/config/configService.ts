/**
 * Owns Agentify's configuration in the editor: reads the `agentify.*` settings and the workspace's
 * `.agentify/config.json`, merges them (precedence in agentifyConfig.ts), watches both and fires
 * `onDidChange`. A broken file never crashes anything: its problem is reported once per content
 * with the file, the problem and the fix, and the settings are used meanwhile.
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import { EventEmitter } from '../common/emitter';
import { AgentifyConfig, ConfigProblem, configFileContent, deepFreeze, resolveConfig } from './agentifyConfig';
import { type AgentifySettings, CONFIG_FILE_RELATIVE_PATH, SETTING_KEYS } from './settings';
import { ConfigSource } from './configSource';

export class ConfigService extends Disposable implements ConfigSource {
  private readonly _onDidChange = this.register(new EventEmitter<AgentifyConfig>());
  readonly onDidChange = this._onDidChange.event;
  private _current: AgentifyConfig;
  private _problems: ConfigProblem[] = [];
  private lastReported = '';

  constructor(
    private readonly workspaceFolder: vscode.Uri | undefined,
    private readonly reportProblem: (problem: ConfigProblem) => void,
  ) {
    super();
    this._current = deepFreeze(resolveConfig(this.readSettings(), undefined).config);
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentify')) void this.reload();
      }),
    );
    if (workspaceFolder) {
      const watcher = this.register(
        vscode.workspace.createFileSystemWatcher(
          new vscode.RelativePattern(workspaceFolder, CONFIG_FILE_RELATIVE_PATH),
        ),
      );
      const reload = () => void this.reload();
      this.register(watcher.onDidChange(reload));
      this.register(watcher.onDidCreate(reload));
      this.register(watcher.onDidDelete(reload));
    }
  }

  get current(): AgentifyConfig {
    return this._current;
  }

  get problems(): readonly ConfigProblem[] {
    return this._problems;
  }

  get configFileUri(): vscode.Uri | undefined {
    return this.workspaceFolder && vscode.Uri.joinPath(this.workspaceFolder, CONFIG_FILE_RELATIVE_PATH);
  }

  /** Reads settings and file again; fires onDidChange when the result differs. */
  async reload(): Promise<AgentifyConfig> {
    const fileText = await this.readFile();
    const { config, problems } = resolveConfig(this.readSettings(), fileText, CONFIG_FILE_RELATIVE_PATH);
    this._problems = problems;
    const report = JSON.stringify(problems);
    if (problems.length && report !== this.lastReported) problems.forEach(this.reportProblem);
    this.lastReported = report;
    if (JSON.stringify(config) !== JSON.stringify(this._current)) {
      this._current = deepFreeze(config);
      this._onDidChange.fire(config);
    }
    return config;
  }

  /** Writes `.agentify/config.json` (Initialize Project) and reloads. */
  async writeConfigFile(config: AgentifyConfig): Promise<vscode.Uri> {
    const uri = this.configFileUri;
    if (!uri) throw new Error('Open a folder first: .agentify/config.json is written into the workspace.');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(configFileContent(config)));
    await this.reload();
    return uri;
  }

  private readSettings(): AgentifySettings {
    const section = vscode.workspace.getConfiguration('agentify', this.workspaceFolder);
    const settings: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) settings[key] = section.get(key);
    return settings as AgentifySettings;
  }

  private async readFile(): Promise<string | undefined> {
    const uri = this.configFileUri;
    if (!uri) return undefined;
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // absent: settings only
    }
  }
}
