import { describe, expect, it } from 'vitest';
import { foldTraceback, isAgentifyFrame, parseTraceback, userTraceback } from '../../../src/domain/traceback';

const TB = [
  'Traceback (most recent call last):',
  '  File "/work/examples/research-team/agents/main.py", line 51, in research',
  '    findings = team.researcher(questions, fail=team.wants_failure(prompt))',
  '  File "/opt/venv/lib/python3.12/site-packages/agentify/decorators.py", line 140, in wrapper',
  '    result = func(*args, **kwargs)',
  '             ^^^^^^^^^^^^^^^^^^^^^',
  '  File "/opt/venv/lib/python3.12/site-packages/agentify/spans.py", line 20, in run',
  '    return call()',
  '  File "/work/examples/research-team/agents/team.py", line 40, in read_source',
  '    raise SourceUnavailableError("did not answer")',
  'team.SourceUnavailableError: did not answer',
  '',
].join('\n');

describe('traceback folding', () => {
  it('recognises the agentify package’s files wherever it is installed, and nothing else', () => {
    expect(isAgentifyFrame('/opt/venv/lib/python3.12/site-packages/agentify/decorators.py')).toBe(true);
    expect(isAgentifyFrame('C:\\repo\\python-decorators\\agentify\\spans.py')).toBe(true);
    expect(isAgentifyFrame('/repo/python-decorators/agentify/sinks/dynamodb.py')).toBe(true);
    expect(isAgentifyFrame('/work/my_agentify_app/team.py')).toBe(false);
    expect(isAgentifyFrame('/work/agentify-demo/agents/main.py')).toBe(false);
  });

  it('parses frames with their source lines and keeps the header and the exception line as text', () => {
    const parts = parseTraceback(TB);
    expect(parts.map((p) => p.kind)).toEqual(['text', 'frames', 'text']);
    const frames = parts[1].kind === 'frames' ? parts[1].frames : [];
    expect(frames.map((f) => [f.func, f.line, f.agentify])).toEqual([
      ['research', 51, false],
      ['wrapper', 140, true],
      ['run', 20, true],
      ['read_source', 40, false],
    ]);
    expect(frames[1].code).toHaveLength(2);
  });

  it('folds each run of Agentify frames into one row between the user’s frames', () => {
    const rows = foldTraceback(TB);
    expect(rows.map((r) => r.kind)).toEqual(['text', 'frame', 'folded', 'frame', 'text']);
    const folded = rows[2];
    expect(folded.kind === 'folded' && folded.frames.length).toBe(2);
    const copy = userTraceback(TB);
    expect(copy).toContain('[2 Agentify frames hidden]');
    expect(copy).not.toContain('site-packages/agentify');
    expect(copy).toContain('team.SourceUnavailableError: did not answer');
  });

  it('keeps chained exceptions as separate sections and returns plain text unchanged', () => {
    const chained = `${TB}\nThe above exception was the direct cause of the following exception:\n\n${TB}`;
    expect(foldTraceback(chained).filter((r) => r.kind === 'folded')).toHaveLength(2);
    expect(foldTraceback('just a message')).toEqual([{ kind: 'text', text: 'just a message' }]);
  });
});
