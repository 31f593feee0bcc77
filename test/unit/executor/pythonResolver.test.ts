import { describe, expect, it } from 'vitest';
import { AgentifyError } from '../../../src/common/errors';
import { resolvePython } from '../../../src/executor/pythonResolver';

const existing =
  (...files: string[]) =>
  (f: string) =>
    files.includes(f);

describe('resolvePython', () => {
  it('uses the configured absolute path when it is executable', () => {
    expect(
      resolvePython({
        configured: '/opt/py/bin/python',
        pathEnv: '/usr/bin',
        isExecutable: existing('/opt/py/bin/python', '/usr/bin/python3'),
      }),
    ).toBe('/opt/py/bin/python');
  });

  it("prefers the setting to the Python extension's selection, and that selection to PATH", () => {
    const isExecutable = existing('/opt/py/bin/python', '/ws/.venv/bin/python', '/usr/bin/python3');
    const lookup = { pathEnv: '/usr/bin', platform: 'linux' as const, isExecutable };
    expect(resolvePython({ ...lookup, configured: '/opt/py/bin/python', selected: '/ws/.venv/bin/python' })).toBe(
      '/opt/py/bin/python',
    );
    expect(resolvePython({ ...lookup, selected: '/ws/.venv/bin/python' })).toBe('/ws/.venv/bin/python');
    expect(resolvePython({ ...lookup, selected: '  ' })).toBe('/usr/bin/python3');
    expect(resolvePython(lookup)).toBe('/usr/bin/python3');
  });

  it('falls back to PATH when the selected interpreter is gone (a deleted venv), but not past a broken setting', () => {
    const lookup = { pathEnv: '/usr/bin', platform: 'linux' as const, isExecutable: existing('/usr/bin/python3') };
    expect(resolvePython({ ...lookup, selected: '/ws/.venv/bin/python' })).toBe('/usr/bin/python3');
    expect(() => resolvePython({ ...lookup, configured: '/missing/python', selected: '/usr/bin/python3' })).toThrow(
      /"\/missing\/python" set in "agentify\.python\.path"/,
    );
  });

  it('searches PATH for a configured bare name', () => {
    expect(
      resolvePython({
        configured: 'python3.11',
        pathEnv: '/a:/b',
        platform: 'linux',
        isExecutable: existing('/b/python3.11'),
      }),
    ).toBe('/b/python3.11');
  });

  it('prefers python3 over python on PATH, in PATH order', () => {
    const isExecutable = existing('/a/python', '/b/python3');
    expect(resolvePython({ pathEnv: '/a:/b', platform: 'linux', isExecutable })).toBe('/b/python3');
  });

  it('falls back to python when no python3 is on PATH', () => {
    expect(resolvePython({ pathEnv: '/a:/b', platform: 'linux', isExecutable: existing('/b/python') })).toBe(
      '/b/python',
    );
  });

  it('finds python.exe on Windows with ; separated PATH', () => {
    expect(
      resolvePython({ pathEnv: 'C:\\x;C:\\Py', platform: 'win32', isExecutable: existing('C:\\Py\\python.exe') }),
    ).toBe('C:\\Py\\python.exe');
  });

  it('names the setting when the configured interpreter is missing, without falling back to PATH', () => {
    let err: unknown;
    try {
      resolvePython({
        configured: '/missing/python',
        pathEnv: '/usr/bin',
        platform: 'linux',
        isExecutable: existing('/usr/bin/python3'),
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AgentifyError);
    expect((err as AgentifyError).code).toBe('PythonMissing');
    expect((err as AgentifyError).message).toContain('agentify.python.path');
    expect((err as AgentifyError).message).toContain('/missing/python');
  });

  it('says how to install Python and names the setting when nothing is on PATH', () => {
    expect(() => resolvePython({ pathEnv: '/a', platform: 'linux', isExecutable: () => false })).toThrow(
      /No Python interpreter was found.*Install Python 3.*agentify\.python\.path/,
    );
  });
});
