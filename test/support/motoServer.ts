/**
 * moto's AWS emulator as a server on 127.0.0.1, for the APIs DynamoDB Local lacks (point-in-time
 * recovery) and for CloudFormation. Stopped with its whole process group.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { findFreePort } from '../../src/localDb/localDynamoDb';

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  const port = await findFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  // Bounded wait for the server to answer (it takes a few seconds on a loaded machine).
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${endpoint}/moto-api/`).then(
      () => true,
      () => false,
    );
    if (up) return { endpoint, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('moto_server did not start: is moto installed (pip install "moto[server]")?');
}
