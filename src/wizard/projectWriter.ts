/**
 * Writes a generated project into the workspace folder: previews every file (marking the ones that
 * would change an existing file), asks before overwriting anything, writes, then opens the Demo
 * Viewer so the user can run the demo at once. The files themselves come from generateProject.
 */
import * as vscode from 'vscode';
import { AgentifyError } from '../common/errors';
import type { GenerateResult, PreviewFile, WizardDesign } from '../protocol/ideationWizard';
import type { ConfigFileOptions } from './generator/dataFiles';
import { generateProject } from './generator/generateProject';

export interface ProjectWriterOptions {
  /** The folder to write into; undefined when no folder is open. */
  folder: () => vscode.Uri | undefined;
  /** The events table in effect, carried into the project's .agentify/config.json. */
  config: () => ConfigFileOptions;
  /** The extension's python-decorators folder, named in the README's terminal command. */
  decoratorsPath?: string;
  log: (message: string) => void;
}

export class ProjectWriter {
  constructor(private readonly options: ProjectWriterOptions) {}

  async preview(design: WizardDesign): Promise<PreviewFile[]> {
    const folder = this.folder();
    const files = generateProject(design, { config: this.options.config(), decoratorsPath: this.options.decoratorsPath });
    return Promise.all(Object.entries(files).map(async ([path, content]) => ({ path, content, exists: (await this.read(folder, path)) !== undefined })));
  }

  async generate(design: WizardDesign): Promise<GenerateResult> {
    const folder = this.folder();
    const files = generateProject(design, { config: this.options.config(), decoratorsPath: this.options.decoratorsPath });
    const changed: string[] = [];
    for (const [path, content] of Object.entries(files)) {
      const old = await this.read(folder, path);
      if (old !== undefined && old !== content) changed.push(path);
    }
    if (changed.length) {
      const answer = await vscode.window.showWarningMessage(
        `Generating the project overwrites ${changed.length} existing file${changed.length === 1 ? '' : 's'} in ${folder.fsPath}.`,
        { modal: true, detail: changed.join('\n') },
        'Overwrite',
      );
      if (answer !== 'Overwrite') return { written: false, paths: [], message: 'Nothing was written: you kept the existing files.' };
    }
    const paths = Object.keys(files);
    for (const path of paths) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, path), Buffer.from(files[path], 'utf8'));
    this.options.log(`Ideation Wizard wrote ${paths.length} files to ${folder.fsPath}.`);
    void vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'agents', 'main.py'), { preview: false, viewColumn: vscode.ViewColumn.One });
    try {
      await vscode.commands.executeCommand('agentify.openDemoViewer');
    } catch (err) {
      this.options.log(`Could not open the Demo Viewer after generating: ${(err as Error).message}`);
    }
    return { written: true, paths, message: `Wrote ${paths.length} files. Run the demo from the Demo Viewer, or: python agents/main.py --prompt "…"` };
  }

  private folder(): vscode.Uri {
    const folder = this.options.folder();
    if (!folder) throw new AgentifyError('Open a folder first: the wizard writes the project into the workspace folder (File › Open Folder…).', { code: 'Unknown' });
    return folder;
  }

  private async read(folder: vscode.Uri | undefined, path: string): Promise<string | undefined> {
    if (!folder) return undefined;
    try {
      return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, path))).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
