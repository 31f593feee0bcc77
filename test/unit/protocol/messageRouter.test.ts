import { describe, expect, it } from 'vitest';
import { AgentifyError } from '../../../src/common/errors';
import {
  IpcMessage,
  boundedString,
  command,
  isNothing,
  isString,
  notification,
  request,
  shape,
} from '../../../src/protocol/ipc';
import { MessageRouter } from '../../../src/protocol/messageRouter';

const Run = command('run', shape<{ prompt: string }>({ prompt: boundedString(100) }));
const Echo = request('echo', shape<{ text: string }>({ text: isString }), isString);
const Fails = request('fails', isNothing, isNothing);
const Note = notification('note', isString);

function setup() {
  const posted: IpcMessage[] = [];
  let ready = 0;
  const runs: string[] = [];
  const router = new MessageRouter(
    (m) => void posted.push(m),
    () => ready++,
  )
    .onCommand(Run, (p) => void runs.push(p.prompt))
    .onRequest(Echo, (p) => p.text.toUpperCase())
    .onRequest(Fails, () => {
      throw new AgentifyError('Table missing. Deploy it.', { code: 'TableNotFound' });
    });
  return { router, posted, runs, ready: () => ready };
}

describe('MessageRouter', () => {
  it('holds notifications until the webview is ready, then sends them in order', async () => {
    const { router, posted, ready } = setup();
    router.notify(Note, 'a');
    router.notify(Note, 'b');
    expect(posted).toEqual([]);
    await router.receive({ kind: 'command', method: 'ready', params: undefined });
    expect(ready()).toBe(1);
    expect(posted.map((m) => (m as { params: unknown }).params)).toEqual(['a', 'b']);
    router.notify(Note, 'c');
    expect(posted).toHaveLength(3);
  });

  it('routes a valid command and answers a request', async () => {
    const { router, posted, runs } = setup();
    await router.receive({ kind: 'command', method: 'run', params: { prompt: 'hi' } });
    await router.receive({ kind: 'request', id: 7, method: 'echo', params: { text: 'hi' } });
    expect(runs).toEqual(['hi']);
    expect(posted).toEqual([{ kind: 'response', id: 7, ok: true, result: 'HI' }]);
  });

  it('answers a failing request with its code and message', async () => {
    const { router, posted } = setup();
    await router.receive({ kind: 'request', id: 1, method: 'fails', params: undefined });
    expect(posted).toEqual([
      { kind: 'response', id: 1, ok: false, error: { code: 'TableNotFound', message: 'Table missing. Deploy it.' } },
    ]);
  });

  it('refuses unknown, ill-typed and oversized messages without calling handlers', async () => {
    const { router, posted, runs } = setup();
    await router.receive({ kind: 'command', method: 'run', params: { prompt: 42 } });
    await router.receive({ kind: 'command', method: 'run', params: { prompt: 'x'.repeat(101) } });
    await router.receive({ kind: 'command', method: 'rm -rf', params: {} });
    await router.receive('run');
    await router.receive(null);
    await router.receive({ kind: 'request', id: 2, method: 'nope', params: {} });
    expect(runs).toEqual([]);
    expect(router.rejected).toBe(6);
    expect(posted).toEqual([
      {
        kind: 'response',
        id: 2,
        ok: false,
        error: { code: 'InvalidMessage', message: 'Unknown or malformed request "nope".' },
      },
    ]);
  });
});
