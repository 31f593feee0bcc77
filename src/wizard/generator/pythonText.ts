/**
 * How user-entered text reaches generated Python: names become identifiers built only from
 * [a-z0-9_] (never keywords, never clashing), and text becomes an ASCII-only string literal with
 * every quote, backslash, control and non-ASCII character escaped. Nothing the user typed is ever
 * placed in generated code any other way.
 */

const PYTHON_KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
  '_',
]);

/** A snake_case identifier from any text; `fallback` when nothing usable is left. */
export function toIdentifier(text: string, fallback: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let ident = ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  if (!ident) ident = fallback;
  if (/^[0-9]/.test(ident)) ident = `${fallback}_${ident}`;
  if (PYTHON_KEYWORDS.has(ident)) ident = `${ident}_`;
  return ident;
}

/** Hands out identifiers unique within one scope (a module, the set of agent modules…). */
export class IdentifierScope {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }

  take(text: string, fallback: string): string {
    const base = toIdentifier(text, fallback);
    let ident = base;
    for (let n = 2; this.used.has(ident); n++) ident = `${base}_${n}`;
    this.used.add(ident);
    return ident;
  }
}

/** A Python string literal holding exactly `text`, in pure ASCII. */
export function pyStr(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    // A lone surrogate cannot be encoded as UTF-8 when printed: replace it.
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/** A one-line comment-safe rendering of user text (for readability in generated code only). */
export function commentText(text: string, max = 60): string {
  const flat = text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** A file name part from any text. */
export function toFileName(text: string, fallback: string): string {
  return toIdentifier(text, fallback).replace(/_/g, '-');
}
