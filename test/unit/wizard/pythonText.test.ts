import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { IdentifierScope, pyStr, toIdentifier } from '../../../src/wizard/generator/pythonText';
import { HOSTILE } from './designs';

describe('toIdentifier', () => {
  it('makes snake_case identifiers from any text, never keywords or leading digits', () => {
    expect(toIdentifier('Order Specialist', 'x')).toBe('order_specialist');
    expect(toIdentifier('getOrderStatus', 'x')).toBe('get_order_status');
    expect(toIdentifier('Café Crème', 'x')).toBe('cafe_creme');
    expect(toIdentifier('エージェント', 'agent_1')).toBe('agent_1');
    expect(toIdentifier('class', 'x')).toBe('class_');
    expect(toIdentifier('123 go', 'tool')).toBe('tool_123_go');
    for (const s of HOSTILE) expect(toIdentifier(s, 'fallback')).toMatch(/^[a-z_][a-z0-9_]*$/);
  });

  it('keeps identifiers unique within a scope', () => {
    const scope = new IdentifierScope(['main']);
    expect([scope.take('Main', 'a'), scope.take('main', 'a'), scope.take('x y', 'a'), scope.take('x-y', 'a')]).toEqual([
      'main_2',
      'main_3',
      'x_y',
      'x_y_2',
    ]);
  });
});

describe('pyStr', () => {
  it('produces ASCII literals that Python reads back as exactly the original text', () => {
    const samples = [...HOSTILE, '\u2028\u0085\u007f', 'emoji 🤖 and \u{1F600}', ''];
    const literals = samples.map(pyStr);
    for (const lit of literals) expect(lit).toMatch(/^"[\x20-\x7e]*"$/);
    const script = `import ast, json, sys\nprint(json.dumps([ast.literal_eval(l) for l in json.load(sys.stdin)]))`;
    const out = execFileSync('python3', ['-c', script], { input: JSON.stringify(literals), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(samples);
  });

  it('replaces a lone surrogate, which could not be printed as UTF-8', () => {
    expect(pyStr('a\ud800b')).toBe('"a\\ufffdb"');
  });
});

describe('titleOf', () => {
  it("names the workflow after the objective's first sentence, cut at a word", async () => {
    const { titleOf } = await import('../../../src/wizard/generator/projectPlan');
    expect(titleOf('Speed up loans. Then more.')).toBe('Speed up loans');
    expect(titleOf('Resolve order-status, return and refund requests from web chat end to end, escalating')).toBe(
      'Resolve order-status, return and refund requests from web...',
    );
    expect(titleOf('  ')).toBe('Agent workflow');
  });
});
