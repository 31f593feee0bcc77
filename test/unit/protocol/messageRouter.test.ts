import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AgentifyError } from '../../../src/common/errors';
import { IpcMessage, boundedString, command, noParams, notification, request } from '../../../src/protocol/ipc';
import { MessageRouter } from '../../../src/protocol/messageRouter';

const Run = command('run', v.object({ prompt: boundedString(100) }));
const Echo = request('echo', v.object({ text: v.string() }), v.string());
const Fails = request('fails', noParams, noParams);
const Note = notification('note', v.string());

function setup() {
  const posted: IpcMessage[] = [];
  const logged: string[] = [];
  let ready = 0;
  const runs: unknown[] = [];
  const router = new MessageRouter(
    (m) => void posted.push(m),
    () => ready++,
    (line) => void logged.push(line),
  )
    .onCommand(Run, (p) => void runs.push(p))
    .onRequest(Echo, (p) => p.text.toUpperCase())
    .onRequest(Fails, () => {
      throw new AgentifyError('Table missing. Deploy it.', { code: 'TableNotFound' });
    });
  return { router, posted, logged, runs, ready: () => ready };
}

const invalidReply = (id: number, method: string): IpcMessage => ({
  kind: 'response',
  id,
  ok: false,
  error: { code: 'InvalidMessage', message: `Unknown or malformed request "${method}".` },
});

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
    expect(runs).toEqual([{ prompt: 'hi' }]);
    expect(posted).toEqual([{ kind: 'response', id: 7, ok: true, result: 'HI' }]);
  });

  it('hands the handler the schema output: keys the schema does not declare never reach it', async () => {
    const { router, runs } = setup();
    await router.receive({ kind: 'command', method: 'run', params: { prompt: 'hi', extra: 'x' } });
    expect(runs).toEqual([{ prompt: 'hi' }]);
    expect(Object.keys(runs[0] as object)).toEqual(['prompt']);
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
    await router.receive({ kind: 'command', method: 'run', params: {} });
    await router.receive({ kind: 'command', method: 'rm -rf', params: {} });
    await router.receive('run');
    await router.receive(null);
    await router.receive({ kind: 'request', id: 2, method: 'nope', params: {} });
    expect(runs).toEqual([]);
    expect(router.rejected).toBe(7);
    expect(posted).toEqual([invalidReply(2, 'nope')]);
  });

  it('refuses a request with bad params and answers it with InvalidMessage', async () => {
    const { router, posted } = setup();
    await router.receive({ kind: 'request', id: 3, method: 'echo', params: { text: 1 } });
    await router.receive({ kind: 'request', id: 4, method: 'echo', params: null });
    expect(posted).toEqual([invalidReply(3, 'echo'), invalidReply(4, 'echo')]);
    expect(router.rejected).toBe(2);
  });

  it('refuses a command sent as a request and a request sent as a command', async () => {
    const { router, posted, runs } = setup();
    await router.receive({ kind: 'request', id: 5, method: 'run', params: { prompt: 'hi' } });
    await router.receive({ kind: 'command', method: 'echo', params: { text: 'hi' } });
    expect(runs).toEqual([]);
    expect(posted).toEqual([invalidReply(5, 'run')]);
    expect(router.rejected).toBe(2);
  });

  it.each([
    ['an unknown kind', { kind: 'event', method: 'run', params: {} }],
    ['no kind', { method: 'run', params: { prompt: 'hi' } }],
    ['an empty method', { kind: 'command', method: '', params: {} }],
    ['a method over 100 characters', { kind: 'command', method: 'x'.repeat(101), params: {} }],
    ['a method that is not a string', { kind: 'command', method: 7, params: {} }],
    ['a request without an id', { kind: 'request', method: 'echo', params: { text: 'hi' } }],
    ['a request with a negative id', { kind: 'request', id: -1, method: 'echo', params: { text: 'hi' } }],
    ['a request with a fractional id', { kind: 'request', id: 1.5, method: 'echo', params: { text: 'hi' } }],
    ['a request with an unsafe id', { kind: 'request', id: 2 ** 53, method: 'echo', params: { text: 'hi' } }],
    ['a notification (only the host sends them)', { kind: 'notification', method: 'note', params: 'x' }],
    ['a response (only the host sends them)', { kind: 'response', id: 1, ok: true, result: 'x' }],
  ])('drops %s with one log line and no reply', async (_what, message) => {
    const { router, posted, logged, runs } = setup();
    await router.receive(message);
    expect(runs).toEqual([]);
    expect(posted).toEqual([]);
    expect(router.rejected).toBe(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Ignored .* from a webview\.$/);
  });

  it('says in its one log line which field failed and what was expected, never the value', async () => {
    const { router, logged } = setup();
    const secret = 'x'.repeat(101);
    await router.receive({ kind: 'command', method: 'run', params: { prompt: secret } });
    await router.receive({ kind: 'request', id: 1, method: 'nope', params: {} });
    await router.receive({ kind: 'order', method: 'run' });
    expect(logged).toEqual([
      'Ignored command "run" with invalid parameters (prompt: expected <=100) from a webview.',
      'Ignored request "nope" unknown as a request from a webview.',
      expect.stringMatching(/^Ignored a message that is not part of the protocol \(kind: expected .*"command".*\)/),
    ]);
    expect(logged.join('\n')).not.toContain(secret);
  });

  it('accepts a message without params for a command that takes none', async () => {
    const { router, ready } = setup();
    await router.receive({ kind: 'command', method: 'ready' });
    expect(ready()).toBe(1);
    expect(router.rejected).toBe(0);
  });
});
