/** Percentiles and the printed rows of the storage benchmark: figure, seed target, ratio to the baseline. */

export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface Row {
  what: string;
  figure: number;
  unit: 'ms' | '%' | '/s' | 'count';
  /** The seed's target, as text ("< 50 ms"); empty when the seed sets none. */
  target?: string;
  /** Whether the figure meets the target (undefined when there is none). */
  meets?: boolean;
}

const fmt = (n: number, unit: Row['unit']) =>
  Number.isNaN(n)
    ? 'n/a'
    : unit === 'count'
      ? `${n}`
      : `${n >= 100 ? n.toFixed(0) : n.toFixed(2)}${unit === 'ms' ? ' ms' : unit}`;

/** Prints the rows; latency rows carry their ratio to the same run's baseline (a bare TCP round trip). */
export function printRows(title: string, rows: readonly Row[], baselineMs: number): void {
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratio = r.unit === 'ms' ? `×${(r.figure / baselineMs).toFixed(1)} baseline` : '';
    const target = r.target
      ? `target ${r.target}${r.meets === undefined ? '' : r.meets ? ' (met)' : ' (NOT met)'}`
      : '';
    console.log(`  ${r.what.padEnd(52)} ${fmt(r.figure, r.unit).padStart(11)}  ${ratio.padEnd(18)} ${target}`);
  }
}

export function latencyRows(
  what: string,
  samples: readonly number[],
  targets: { p95?: number; p99?: number } = {},
): Row[] {
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const p99 = percentile(samples, 99);
  return [
    { what: `${what} p50 (n=${samples.length})`, figure: p50, unit: 'ms' },
    {
      what: `${what} p95`,
      figure: p95,
      unit: 'ms',
      ...(targets.p95 !== undefined ? { target: `< ${targets.p95} ms`, meets: p95 < targets.p95 } : {}),
    },
    {
      what: `${what} p99`,
      figure: p99,
      unit: 'ms',
      ...(targets.p99 !== undefined ? { target: `< ${targets.p99} ms`, meets: p99 < targets.p99 } : {}),
    },
  ];
}
