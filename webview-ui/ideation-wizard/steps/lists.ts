/** A textarea edited as a list, one item per line (guardrails, demo strategy). */
import { LIMITS } from '../../../src/protocol/ideationWizard';
import { field, fromLines, toLines } from '../dom';
import type { WizardStore } from '../store';

export function linesField(
  store: WizardStore,
  o: {
    label: string;
    hint: string;
    testid: string;
    get: () => string[];
    set: (items: string[]) => void;
    error?: string;
  },
): HTMLElement {
  return field({
    label: o.label,
    hint: o.hint,
    value: fromLines(o.get()),
    onInput: (v) =>
      store.update(
        () =>
          o.set(
            toLines(v)
              .slice(0, LIMITS.list)
              .map((l) => l.slice(0, LIMITS.long)),
          ),
        { render: false },
      ),
    testid: o.testid,
    multiline: true,
    rows: 4,
    maxLength: LIMITS.long * 4,
    error: o.error,
  });
}
