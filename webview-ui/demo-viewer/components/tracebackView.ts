/**
 * A Python traceback that starts at the user's own frames: each run of Agentify's decorator
 * frames is folded into one closed row that opens on demand. Built from text nodes only.
 */
import { foldTraceback } from '../../../src/domain/traceback';
import { clip, el } from '../../shared/dom';

const MAX_ROWS = 400;

export function tracebackView(text: string): HTMLElement {
  const box = el('div', {
    class: 'traceback',
    testid: 'traceback',
    attrs: { role: 'group', 'aria-label': 'Traceback' },
  });
  const rows = foldTraceback(text).slice(0, MAX_ROWS);
  for (const row of rows) {
    if (row.kind === 'text') box.append(el('div', { class: 'tb-text' }, clip(row.text, 2000)));
    else if (row.kind === 'frame')
      box.append(frame(row.frame.file, row.frame.line, row.frame.func, row.frame.code, 'tb-frame'));
    else {
      const n = row.frames.length;
      const folded = el(
        'details',
        { class: 'tb-folded', testid: 'tb-folded' },
        el('summary', {}, `${n} Agentify frame${n === 1 ? '' : 's'} (decorators)`),
      );
      for (const f of row.frames) folded.append(frame(f.file, f.line, f.func, f.code, 'tb-frame agentify'));
      box.append(folded);
    }
  }
  return box;
}

function frame(
  file: string,
  line: number | undefined,
  func: string | undefined,
  code: string[],
  cls: string,
): HTMLElement {
  return el(
    'div',
    { class: cls },
    el(
      'div',
      { class: 'tb-where' },
      el('span', { class: 'tb-file', attrs: { title: clip(file, 1000) } }, clip(file, 300)),
      `:${line ?? '?'}`,
      func ? el('span', { class: 'tb-func' }, ` in ${clip(func, 200)}`) : null,
    ),
    ...code.map((c) => el('div', { class: 'tb-code' }, clip(c, 2000))),
  );
}
