/**
 * Signals a whole process tree: every long-lived child Agentify starts (the workflow, the local
 * DynamoDB's Java) is spawned detached, so it leads its own process group and whatever it started
 * goes with it. Callers send SIGTERM first and SIGKILL after their grace period (taskkill over the
 * tree on Windows).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      // Windows has no process groups or signals; taskkill /T walks the tree, /F only on the final attempt.
      spawn('taskkill', ['/pid', String(child.pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])], {
        stdio: 'ignore',
        windowsHide: true,
      }).on('error', () => child.kill(signal));
    } else {
      // Negative pid = the process group the detached child leads.
      process.kill(-child.pid, signal);
    }
  } catch {
    // The group is already gone; try the child itself in case it left its group.
    try {
      child.kill(signal);
    } catch {
      /* already exited */
    }
  }
}
