import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../scripts/cli/localDbArgs';

describe('npm run local-db options', () => {
  it('reads port, persist, table, hardened and help; no options = a free port, in memory, the default table', () => {
    expect(parseCliArgs([])).toEqual({
      port: undefined,
      persist: false,
      table: undefined,
      hardened: false,
      help: false,
    });
    expect(parseCliArgs(['--port', '8000', '--persist', '--table', 'runs', '--hardened'])).toEqual({
      port: 8000,
      persist: true,
      table: 'runs',
      hardened: true,
      help: false,
    });
    expect(parseCliArgs(['--port=8001']).port).toBe(8001);
    expect(parseCliArgs(['--port', '0']).port).toBeUndefined();
    expect(parseCliArgs(['-h']).help).toBe(true);
  });

  it('refuses a bad port, an unknown option and a missing value, each with the usage', () => {
    for (const port of ['abc', '70000', '1.5', '']) {
      expect(() => parseCliArgs(['--port', port]), port).toThrow(`--port needs a number from 0 to 65535. ${USAGE}`);
    }
    expect(() => parseCliArgs(['--port=-1'])).toThrow(`--port needs a number from 0 to 65535. ${USAGE}`);
    expect(() => parseCliArgs(['--bogus'])).toThrow(/--bogus.*usage: npm run local-db/);
    expect(() => parseCliArgs(['--table'])).toThrow(/--table.*usage: npm run local-db/);
    expect(() => parseCliArgs(['stray'])).toThrow(/stray.*usage: npm run local-db/);
  });
});
