/**
 * Reading the Python extension's selected interpreter. The extension cannot run outside VS Code,
 * so its environments API is a fake here, shaped as @vscode/python-extension declares it.
 */
import type { PythonExtension } from '@vscode/python-extension';
import { describe, expect, it } from 'vitest';
import { activeInterpreter } from '../../../src/executor/pythonEnvironment';

type Environments = Parameters<typeof activeInterpreter>[0];
type Resolved = Awaited<ReturnType<PythonExtension['environments']['resolveEnvironment']>>;

function fakeEnvironments(
  byFolder: Record<string, { path: string; executable?: string }>,
): Environments & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    getActiveEnvironmentPath: (resource) => {
      asked.push(resource);
      const key = String((resource as { fsPath?: string } | undefined)?.fsPath ?? '');
      return { id: key, path: byFolder[key]?.path ?? '/usr/bin/python3' };
    },
    resolveEnvironment: async (env) => {
      const found = Object.values(byFolder).find((e) => e.path === (env as { path: string }).path);
      if (!found) return undefined;
      return {
        executable: { uri: found.executable === undefined ? undefined : { fsPath: found.executable } },
      } as unknown as Resolved;
    },
  };
}

describe('activeInterpreter', () => {
  it("returns the executable of the folder's selected environment", async () => {
    const environments = fakeEnvironments({ '/ws': { path: '/ws/.venv', executable: '/ws/.venv/bin/python' } });
    const folder = { fsPath: '/ws' } as unknown as Parameters<Environments['getActiveEnvironmentPath']>[0];
    expect(await activeInterpreter(environments, folder)).toBe('/ws/.venv/bin/python');
    expect(environments.asked).toEqual([folder]);
  });

  it('returns undefined when the environment cannot be resolved or has no executable of its own', async () => {
    const environments = fakeEnvironments({ '/conda': { path: '/opt/conda/envs/bare' } });
    expect(await activeInterpreter(environments, { fsPath: '/conda' } as never)).toBeUndefined();
    expect(await activeInterpreter(fakeEnvironments({}), undefined)).toBeUndefined();
  });
});
