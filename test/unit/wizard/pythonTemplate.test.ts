import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../src/wizard/generator/pythonTemplate';
import { HOSTILE } from './designs';

const TEMPLATE = [
  '# Agent: {{name}}',
  'NAME = "{{name}}"',
  '# {{#tools}}',
  'def __tpl_ident__():',
  '    return "{{label}}"  # {{label}}',
  '# {{/tools}}',
  'TOOLS = [__tpl_idents__]',
  '',
].join('\n');

describe('fillTemplate', () => {
  it('fills literals, identifiers, comments and repeated blocks', () => {
    const out = fillTemplate(TEMPLATE, {
      name: 'Planner',
      idents: ['a', 'b'],
      tools: [
        { ident: 'a', label: 'First' },
        { ident: 'b', label: 'Second' },
      ],
    });
    expect(out).toBe(
      [
        '# Agent: Planner',
        'NAME = "Planner"',
        'def a():',
        '    return "First"  # First',
        'def b():',
        '    return "Second"  # Second',
        'TOOLS = [a, b]',
        '',
      ].join('\n'),
    );
    expect(fillTemplate(TEMPLATE, { name: 'x', idents: [], tools: [] })).toBe('# Agent: x\nNAME = "x"\nTOOLS = []\n');
  });

  it('keeps hostile text data: Python reads back exactly what was given, and nothing is scanned twice', () => {
    const texts = [...HOSTILE, '{{name}}', '__tpl_idents__', '"{{label}}"'];
    const modules = texts.map((text) =>
      fillTemplate(TEMPLATE, { name: text, idents: ['t'], tools: [{ ident: 't', label: text }] }),
    );
    // One interpreter runs every filled module in a namespace of its own.
    const script =
      'import json, sys\nout = []\nfor src in json.load(sys.stdin):\n    ns = {}\n    exec(src, ns)\n' +
      '    out.append([ns["NAME"], ns["t"]()])\nsys.stdout.write(json.dumps(out))';
    const read = execFileSync('python3', ['-c', script], { input: JSON.stringify(modules), encoding: 'utf8' });
    expect(JSON.parse(read)).toEqual(texts.map((t) => [t, t]));
  });

  it('refuses what would make wrong code: bad identifiers, missing values, text outside comments and strings', () => {
    expect(() => fillTemplate('x = __tpl_a__', { a: 'os.system("x")' })).toThrow(/identifiers/);
    expect(() => fillTemplate('x = "{{a}}"', {})).toThrow(/no value for "a"/);
    expect(() => fillTemplate('x = {{a}}', { a: '1' })).toThrow(/outside a comment/);
    expect(() => fillTemplate('# {{#a}}\nx = 1', { a: [] })).toThrow(/never closed/);
    expect(() => fillTemplate('x = "{{A}}"', { A: 'x' })).toThrow(/malformed placeholder/);
  });
});
