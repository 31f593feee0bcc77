/**
 * A Python traceback split into frames, with the frames of Agentify's own decorators marked so
 * the viewer folds them away and the reader starts at their own code. Pure and browser-safe; text
 * that is not a traceback comes back as one plain part.
 */

export interface TracebackFrame {
  file: string;
  line: number | undefined;
  func: string | undefined;
  /** The source line(s) Python printed under the frame (with any ^^^ markers). */
  code: string[];
  /** A frame inside the agentify package (its decorators, spans and helpers). */
  agentify: boolean;
}

export type TracebackPart = { kind: 'text'; lines: string[] } | { kind: 'frames'; frames: TracebackFrame[] };

const FRAME = /^\s*File "([^"]*)", line (\d+)(?:, in (.*))?$/;
/** The package's modules, wherever it is installed (site-packages or the repository's copy). */
const AGENTIFY_FILE = /(?:^|[\\/])agentify[\\/](?:sinks[\\/])?[A-Za-z_]+\.py$/;

export function isAgentifyFrame(file: string): boolean {
  return AGENTIFY_FILE.test(file);
}

export function parseTraceback(text: string): TracebackPart[] {
  const parts: TracebackPart[] = [];
  let frames: TracebackFrame[] | undefined;
  let plain: string[] | undefined;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const m = FRAME.exec(line);
    if (m) {
      plain = undefined;
      if (!frames) parts.push({ kind: 'frames', frames: (frames = []) });
      frames.push({ file: m[1], line: Number(m[2]), func: m[3], code: [], agentify: isAgentifyFrame(m[1]) });
      continue;
    }
    // Source lines under a frame are indented deeper than the frame line.
    if (frames && frames.length && /^\s{4,}\S/.test(line)) {
      frames[frames.length - 1].code.push(line);
      continue;
    }
    frames = undefined;
    if (!plain) parts.push({ kind: 'text', lines: (plain = []) });
    plain.push(line);
  }
  // Drop a trailing empty line left by the final newline.
  const last = parts[parts.length - 1];
  if (last?.kind === 'text' && last.lines.length && last.lines[last.lines.length - 1] === '') last.lines.pop();
  if (last?.kind === 'text' && !last.lines.length) parts.pop();
  return parts;
}

export type FoldedRow =
  | { kind: 'text'; text: string }
  | { kind: 'frame'; frame: TracebackFrame }
  | { kind: 'folded'; frames: TracebackFrame[] };

/** The traceback as rows to show: runs of Agentify frames become one folded row. */
export function foldTraceback(text: string): FoldedRow[] {
  const rows: FoldedRow[] = [];
  for (const part of parseTraceback(text)) {
    if (part.kind === 'text') {
      for (const line of part.lines) rows.push({ kind: 'text', text: line });
      continue;
    }
    let run: TracebackFrame[] = [];
    const flush = () => {
      if (run.length) rows.push({ kind: 'folded', frames: run });
      run = [];
    };
    for (const frame of part.frames) {
      if (frame.agentify) run.push(frame);
      else {
        flush();
        rows.push({ kind: 'frame', frame });
      }
    }
    flush();
  }
  return rows;
}

/** The traceback text with Agentify's frames left out (what Copy gives). */
export function userTraceback(text: string): string {
  const out: string[] = [];
  for (const row of foldTraceback(text)) {
    if (row.kind === 'text') out.push(row.text);
    else if (row.kind === 'frame') {
      const f = row.frame;
      out.push(`  File "${f.file}", line ${f.line ?? '?'}${f.func ? `, in ${f.func}` : ''}`, ...f.code);
    } else out.push(`  [${row.frames.length} Agentify frame${row.frames.length === 1 ? '' : 's'} hidden]`);
  }
  return out.join('\n');
}
