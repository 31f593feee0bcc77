/** Keeps the last lines of a process's stderr, bounded, for error messages after it dies. */
export class StderrTail {
  private readonly lines: string[] = [];

  constructor(
    private readonly maxLines = 40,
    private readonly maxLineChars = 2000,
  ) {}

  push(line: string): void {
    this.lines.push(line.length > this.maxLineChars ? `${line.slice(0, this.maxLineChars)}…` : line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
