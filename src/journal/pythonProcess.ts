/**
 * Runs one Python module of the offline pipeline: JSON in on stdin, marker lines out on stdout.
 * `onMarker` sees each marker line as it arrives (the runtime answers before it exits); the
 * process is killed with its group on timeout or abort. No shell, no user input on the command line.
 */
import { spawn, ChildProcess } from 'node:child_process';

export interface PythonRun {
  readonly child: ChildProcess;
  /** Settles with the exit code and the tail of stderr once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

export interface PythonRunOptions {
  python: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  input: unknown;
  /** Called with (marker, parsed JSON) for every stdout line that starts with one of `markers`. */
  onMarker: (marker: string, value: unknown) => void;
  markers: readonly string[];
  /** Every other stdout line (the agent's Agentify events among them), without its newline. */
  onLine?: (line: string) => void;
  /** Kill after this many ms; undefined = no limit. */
  timeoutMs?: number;
}

const STDERR_TAIL = 4000;

export function runPython(o: PythonRunOptions): PythonRun {
  // Its own process group, so a kill reaches the agent's children too.
  const child = spawn(o.python, o.args, {
    cwd: o.cwd,
    env: o.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let stderr = '';
  let buffered = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const marker = o.markers.find((m) => line.startsWith(m));
      if (!marker) {
        o.onLine?.(line);
        continue;
      }
      try {
        o.onMarker(marker, JSON.parse(line.slice(marker.length)));
      } catch {
        o.onMarker(marker, { errorType: 'MalformedOutput', errorMessage: line.slice(0, 500) });
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = o.timeoutMs ? setTimeout(kill, o.timeoutMs) : undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('error', (err) => {
      stderr += `\n${err.message}`;
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
  child.stdin!.on('error', () => undefined); // a process that exits early must not crash the host
  child.stdin!.end(JSON.stringify(o.input));
  return { child, exited, kill };
}
