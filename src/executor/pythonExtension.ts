/**
 * Asks the Python extension (ms-python.python) which interpreter the user selected for the
 * workspace, when that extension is installed. Never throws and never installs anything: without
 * the extension, or when it fails to answer, the answer is undefined and the run falls back to the
 * lookup in pythonResolver.ts.
 */
import * as vscode from 'vscode';
import { PVSC_EXTENSION_ID, PythonExtension } from '@vscode/python-extension';
import { describeError } from '../common/errors';
import { activeInterpreter } from './pythonEnvironment';

export async function selectedPythonInterpreter(
  folder: vscode.Uri | undefined,
  log: (line: string) => void,
): Promise<string | undefined> {
  if (!vscode.extensions.getExtension(PVSC_EXTENSION_ID)) return undefined;
  try {
    const api = await PythonExtension.api();
    return await activeInterpreter(api.environments, folder);
  } catch (err) {
    log(
      `The Python extension did not say which interpreter is selected (${describeError(err)}); using the one on PATH.`,
    );
    return undefined;
  }
}
