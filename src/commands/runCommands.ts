/**
 * The Run Workflow and Stop Workflow commands: ask for the prompt, confirm replacing a running
 * workflow, start it through the runner, reveal the Demo Viewer, and show errors with a button for
 * the next step. The logic lives in RunManager; this file only talks to the user.
 */
import * as vscode from 'vscode';
import { isAgentifyError, describeError } from '../common/errors';
import type { RunInfo, Runs } from '../run/types';

export interface RunCommandDeps {
  runs: Runs;
  /** Opens or reveals the Demo Viewer; absent when the viewer is not available in this window. */
  openDemoViewer?: () => void;
  log?: { error(message: string, err?: unknown): void; show(): void };
}

export interface RunCommands {
  /**
   * Runs with a prompt the caller already has (the Demo Viewer's prompt box): confirms replacing a
   * running workflow and reports errors to the user. Resolves undefined when the user declined or
   * it failed.
   */
  runWithPrompt(prompt: string): Promise<RunInfo | undefined>;
  /** Asks before a new run replaces the running one; true when nothing runs or the user agreed. */
  confirmReplacingRun(): Promise<boolean>;
}

const LAST_PROMPT_KEY = 'agentify.lastPrompt';
const OPEN_SETTINGS = 'Open Settings';
const OPEN_WIZARD = 'Open Ideation Wizard';
const SHOW_LOG = 'Show Log';

export function registerRunCommands(context: vscode.ExtensionContext, deps: RunCommandDeps): RunCommands {
  const { runs } = deps;

  async function confirmReplacingRun(): Promise<boolean> {
    if (!runs.isRunning || !runs.current) return true;
    const replace = 'Stop and Run';
    const answer = await vscode.window.showWarningMessage(
      `Workflow ${runs.current.info.workflowId} is still running. Stop the running workflow and start a new one?`,
      { modal: true },
      replace,
    );
    return answer === replace;
  }

  async function runWithPrompt(prompt: string): Promise<RunInfo | undefined> {
    if (!(await confirmReplacingRun())) return undefined;
    try {
      const run = await runs.run(prompt);
      deps.openDemoViewer?.();
      return run;
    } catch (err) {
      await showRunError(err, deps);
      return undefined;
    }
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('agentify.runWorkflow', async () => {
      const last = context.workspaceState.get<string>(LAST_PROMPT_KEY);
      const prompt = await vscode.window.showInputBox({
        title: 'Agentify: Run Workflow',
        prompt: 'What should the workflow work on?',
        placeHolder: 'e.g. Research the three most cited papers on retrieval-augmented generation',
        value: last,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Enter a prompt for the workflow.'),
      });
      if (prompt === undefined) return;
      await context.workspaceState.update(LAST_PROMPT_KEY, prompt);
      await runWithPrompt(prompt);
    }),
    vscode.commands.registerCommand('agentify.stopWorkflow', async () => {
      const run = runs.isRunning ? runs.current?.info : undefined;
      if (!run) {
        void vscode.window.showInformationMessage('No Agentify workflow is running.');
        return;
      }
      try {
        await runs.stop();
        void vscode.window.showInformationMessage(`Workflow ${run.workflowId} stopped.`);
      } catch (err) {
        await showRunError(err, deps);
      }
    }),
  );

  return { runWithPrompt, confirmReplacingRun };
}

async function showRunError(err: unknown, deps: RunCommandDeps): Promise<void> {
  deps.log?.error('Workflow run failed', err);
  if (!isAgentifyError(err)) {
    const choice = await vscode.window.showErrorMessage(
      `The workflow could not be run: ${describeError(err)}. See the Agentify output log for details.`,
      SHOW_LOG,
    );
    if (choice === SHOW_LOG) deps.log?.show();
    return;
  }
  const actions =
    err.code === 'PythonMissing'
      ? [OPEN_SETTINGS]
      : err.code === 'WorkflowEntryMissing'
        ? [OPEN_SETTINGS, OPEN_WIZARD]
        : [];
  const choice = await vscode.window.showErrorMessage(err.message, ...actions);
  if (choice === OPEN_SETTINGS) {
    const setting = err.code === 'PythonMissing' ? 'agentify.python.path' : 'agentify.workflow.entry';
    void vscode.commands.executeCommand('workbench.action.openSettings', setting);
  } else if (choice === OPEN_WIZARD) {
    void vscode.commands.executeCommand('agentify.openIdeationWizard');
  }
}
