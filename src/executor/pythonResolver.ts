/**
 * Finds the Python interpreter a workflow runs on, first match wins:
 *   1. the `agentify.python.path` setting (or config file), when set: an error if it is unusable;
 *   2. the interpreter selected in the Python extension for the workspace, when that extension is
 *      installed and its choice is executable (src/executor/pythonExtension.ts asks it);
 *   3. `python3`, then `python`, on PATH.
 * Pure apart from the injected file check.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { AgentifyError } from '../common/errors';

export const PYTHON_SETTING = 'agentify.python.path';

export interface PythonLookup {
  /** The configured interpreter (setting or config file); undefined = not configured. */
  configured?: string;
  /** The Python extension's selected interpreter for the workspace; undefined = none or no extension. */
  selected?: string;
  /** PATH as the process sees it. */
  pathEnv?: string;
  platform?: NodeJS.Platform;
  /** True when `file` exists and can be executed. */
  isExecutable?: (file: string) => boolean;
}

function defaultIsExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const INSTALL_HINT =
  `Install Python 3 (https://www.python.org/downloads/ or your package manager) or set ` +
  `"${PYTHON_SETTING}" to the interpreter's full path.`;

/** The absolute interpreter path; throws AgentifyError `PythonMissing` when none is found. */
export function resolvePython(lookup: PythonLookup = {}): string {
  const isExecutable = lookup.isExecutable ?? defaultIsExecutable;
  const platform = lookup.platform ?? process.platform;
  const configured = lookup.configured?.trim();
  if (configured) {
    // A bare name ("python3.12") is searched on PATH like the defaults.
    const found =
      configured.includes('/') || configured.includes('\\')
        ? isExecutable(configured)
          ? configured
          : undefined
        : searchPath(configured, lookup.pathEnv, platform, isExecutable);
    if (found) return found;
    throw new AgentifyError(
      `The Python interpreter "${configured}" set in "${PYTHON_SETTING}" was not found or is not executable. Fix the ` +
        `setting, or clear it to use python3 from PATH.`,
      {
        code: 'PythonMissing',
        hint: `Fix "${PYTHON_SETTING}".`,
      },
    );
  }
  // The Python extension's choice is what the user sees in the status bar; a stale one (a deleted
  // venv) is skipped rather than fatal, since the user never typed it into Agentify's settings.
  const selected = lookup.selected?.trim();
  if (selected && isExecutable(selected)) return selected;
  for (const name of ['python3', 'python']) {
    const found = searchPath(name, lookup.pathEnv, platform, isExecutable);
    if (found) return found;
  }
  throw new AgentifyError(`No Python interpreter was found: neither python3 nor python is on PATH. ${INSTALL_HINT}`, {
    code: 'PythonMissing',
    hint: INSTALL_HINT,
  });
}

function searchPath(
  name: string,
  pathEnv: string | undefined,
  platform: NodeJS.Platform,
  isExecutable: (f: string) => boolean,
): string | undefined {
  const win = platform === 'win32';
  const dirs = (pathEnv ?? '').split(win ? ';' : ':').filter(Boolean);
  const names = win ? [`${name}.exe`, name] : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = (win ? path.win32 : path.posix).join(dir, n);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}
