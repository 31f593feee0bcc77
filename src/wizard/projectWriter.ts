/**
 * Puts a generated project on disk from the wizard: by default into a new folder named after the
 * workflow (inside the open folder, else the home folder), or one the user picks. Previews what
 * would change there, writes all or nothing (projectFolder.ts), replaces existing files only when
 * the preview showed them and the user agreed, then offers to open the project. The files
 * themselves come from generateProject.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { AgentifyError, isAgentifyError } from '../common/errors';
import type { GenerateResult, ProjectPreview, WizardDesign } from '../protocol/ideationWizard';
import type { ConfigFileOptions } from './generator/dataFiles';
import { generateProject } from './generator/generateProject';
import { planProject } from './generator/projectPlan';
import { defaultFolder, planFolder, writeProject } from './projectFolder';

export interface ProjectWriterOptions {
  /** The open folder; undefined when none is open. */
  folder: () => vscode.Uri | undefined;
  /** The events table in effect, carried into the project's .agentify/config.json. */
  config: () => ConfigFileOptions;
  /** The extension's python-decorators folder, named in the README's terminal command. */
  decoratorsPath?: string;
  log: (message: string) => void;
}

export class ProjectWriter {
  /** Folders this writer proposed or the user picked: the only ones the webview may name. */
  private readonly offered = new Set<string>();

  constructor(private readonly options: ProjectWriterOptions) {}

  async preview(design: WizardDesign, folder?: string): Promise<ProjectPreview> {
    const target = await this.target(design, folder);
    const plan = await planFolder(target, this.files(design));
    return { folder: target, files: plan.files };
  }

  async chooseFolder(current?: string): Promise<string | null> {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: 'Generate Here',
      title: 'Folder for the generated project',
      defaultUri: current ? vscode.Uri.file(path.dirname(current)) : this.options.folder(),
    });
    const folder = picked?.[0]?.fsPath;
    if (!folder) return null;
    this.offered.add(folder);
    return folder;
  }

  async generate(
    design: WizardDesign,
    folder: string | undefined,
    overwrite: readonly string[],
  ): Promise<GenerateResult> {
    const target = await this.target(design, folder);
    let written: string[];
    try {
      written = (await writeProject(target, this.files(design), overwrite)).written;
    } catch (err) {
      if (isAgentifyError(err) && err.code === 'OverwriteNotConfirmed')
        return { written: false, folder: target, paths: [], message: err.message };
      throw err;
    }
    this.options.log(`Ideation Wizard wrote ${written.length} files to ${target}.`);
    this.offerToOpen(target).catch((err: Error) =>
      this.options.log(`Could not offer to open ${target}: ${err.message}`),
    );
    const what = written.length
      ? `Wrote ${written.length} file${written.length === 1 ? '' : 's'}`
      : 'Every file was already up to date';
    return {
      written: true,
      folder: target,
      paths: written,
      message: `${what} in ${target}. Open that folder, then run the demo from the Demo Viewer.`,
    };
  }

  private files(design: WizardDesign) {
    return generateProject(design, { config: this.options.config(), decoratorsPath: this.options.decoratorsPath });
  }

  private async target(design: WizardDesign, folder: string | undefined): Promise<string> {
    if (folder !== undefined) {
      if (!this.offered.has(folder))
        throw new AgentifyError(`The folder ${folder} was not chosen in this window. Choose the folder again.`, {
          code: 'Unknown',
          hint: 'Choose the folder again.',
        });
      return folder;
    }
    const parent = this.options.folder()?.fsPath ?? homedir();
    const target = await defaultFolder(parent, planProject(design).slug);
    this.offered.add(target);
    return target;
  }

  private async offerToOpen(target: string): Promise<void> {
    const open = this.options.folder()?.fsPath;
    if (open && path.resolve(open) === path.resolve(target)) {
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(target, 'agents', 'main.py')), { preview: false });
      await vscode.commands
        .executeCommand('agentify.openDemoViewer')
        .then(undefined, (err: Error) => this.options.log(`Could not open the Demo Viewer: ${err.message}`));
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `The project is in ${target}. Open it to run the demo.`,
      'Open Folder',
      'Open in New Window',
    );
    if (choice)
      await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), {
        forceNewWindow: choice === 'Open in New Window',
      });
  }
}
