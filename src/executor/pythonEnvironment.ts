/**
 * The interpreter of the environment the Python extension has selected for a folder, read through
 * its public API (`@vscode/python-extension`). Free of `vscode` at run time (types only), so the
 * reading is unit-tested; src/executor/pythonExtension.ts finds the API in the editor.
 */
import type { PythonExtension } from '@vscode/python-extension';

type Environments = Pick<PythonExtension['environments'], 'getActiveEnvironmentPath' | 'resolveEnvironment'>;
type Resource = Parameters<Environments['getActiveEnvironmentPath']>[0];

/**
 * The selected environment's executable, or undefined when the extension has none for `resource`
 * or cannot resolve it (an environment without its own executable, such as a bare conda folder).
 */
export async function activeInterpreter(environments: Environments, resource?: Resource): Promise<string | undefined> {
  const active = environments.getActiveEnvironmentPath(resource);
  const resolved = await environments.resolveEnvironment(active);
  return resolved?.executable.uri?.fsPath || undefined;
}
