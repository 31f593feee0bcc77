/** signalTree against real processes: a detached shell that started a child of its own. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signalTree } from '../../../src/common/processTree';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A detached `sh` leading its group, with a `sleep` it started; resolves with both pids. */
function startTree() {
  const child = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const grandchild = new Promise<number>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, grandchild, exited };
}

describe('signalTree', () => {
  it('ends the child and what it started (the whole process group)', async () => {
    const { child, grandchild, exited } = startTree();
    const pid = await grandchild;
    expect(alive(pid)).toBe(true);
    signalTree(child, 'SIGTERM');
    await exited;
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
  });

  it('does not throw for a child that has already gone, nor for one that never started', async () => {
    const { child, grandchild, exited } = startTree();
    await grandchild;
    signalTree(child, 'SIGKILL');
    await exited;
    expect(() => signalTree(child, 'SIGKILL')).not.toThrow();
    const never = spawn('/nonexistent/agentify-no-such-binary');
    never.on('error', () => undefined);
    expect(() => signalTree(never, 'SIGTERM')).not.toThrow();
  });
});
