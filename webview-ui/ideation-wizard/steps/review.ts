/**
 * Step 8: the whole design at a glance (each part links back to its step), a preview of every file
 * generation writes (marking files that already exist), and Generate. The host asks before
 * overwriting anything and opens the Demo Viewer afterwards.
 */
import { GenerateRequest, PreviewRequest, STEPS, StepId } from '../../../src/protocol/ideationWizard';
import { button, el, icon, nonEmpty, section } from '../dom';
import { INDUSTRY_LABELS } from '../examples';
import { STEP_TITLES } from '../stepTitles';
import { validateStep, hasErrors } from '../validation';
import type { StepContext } from './context';

const list = (items: string[]) => (items.length ? el('ul', {}, ...items.map((i) => el('li', {}, i))) : el('p', { class: 'hint' }, 'None.'));

function part(ctx: StepContext, step: StepId, ...content: (Node | string)[]): HTMLElement {
  const invalid = hasErrors(validateStep(step, ctx.store.design));
  return el(
    'section',
    { class: 'review-part', testid: `review-${step}` },
    el('div', { class: 'row review-head' }, el('h3', {}, STEP_TITLES[step]), invalid ? el('span', { class: 'badge warn' }, icon('warning'), ' Incomplete') : null, button(`Edit ${STEP_TITLES[step]}`, () => ctx.store.goTo(step), { icon: 'edit', secondary: true, iconOnly: true, testid: `edit-${step}` })),
    ...content,
  );
}

async function preview(ctx: StepContext): Promise<void> {
  try {
    const files = await ctx.bridge.sendRequest(PreviewRequest, { design: ctx.store.design });
    ctx.store.setView({ preview: files, selectedFile: files.find((f) => f.path === 'agents/main.py')?.path ?? files[0]?.path });
  } catch (err) {
    ctx.store.setView({ result: { ok: false, message: (err as Error).message } });
  }
}

async function generate(ctx: StepContext): Promise<void> {
  const incomplete = STEPS.filter((s) => hasErrors(validateStep(s, ctx.store.design)));
  if (incomplete.length) return ctx.store.setView({ result: { ok: false, message: `Complete these steps first: ${incomplete.map((s) => STEP_TITLES[s]).join(', ')}.` } });
  ctx.store.setView({ generating: true, result: undefined });
  try {
    const r = await ctx.bridge.sendRequest(GenerateRequest, { design: ctx.store.design });
    ctx.store.setView({ generating: false, result: { ok: r.written, message: r.message } });
  } catch (err) {
    ctx.store.setView({ generating: false, result: { ok: false, message: (err as Error).message } });
  }
}

function filePreview(ctx: StepContext): HTMLElement | null {
  const files = ctx.store.view.preview;
  if (!files) return null;
  const selected = files.find((f) => f.path === ctx.store.view.selectedFile) ?? files[0];
  return el(
    'div',
    { class: 'file-preview', testid: 'file-preview' },
    el(
      'ul',
      { class: 'file-list', attrs: { role: 'listbox', 'aria-label': 'Files to write' } },
      ...files.map((f) => {
        const item = el(
          'li',
          { class: `file${f === selected ? ' selected' : ''}`, testid: 'preview-file', attrs: { role: 'option', tabindex: '0', 'aria-selected': String(f === selected) }, on: { click: () => ctx.store.setView({ selectedFile: f.path }), keydown: (e) => (e.key === 'Enter' || e.key === ' ') && ctx.store.setView({ selectedFile: f.path }) } },
          icon('file'), ' ', el('span', {}, f.path),
          f.exists ? el('span', { class: 'badge warn', testid: 'overwrite-badge' }, 'exists') : null,
        );
        return item;
      }),
    ),
    el('pre', { class: 'file-content', testid: 'file-content', attrs: { tabindex: '0', 'aria-label': selected ? `Content of ${selected.path}` : 'File content' } }, selected?.content ?? ''),
  );
}

export function renderReview(ctx: StepContext): HTMLElement {
  const d = ctx.store.design;
  const view = ctx.store.view;
  const existing = view.preview?.filter((f) => f.exists).length ?? 0;
  return el(
    'div',
    {},
    section('Review and generate', 'Check the design, preview the files, then generate a runnable, instrumented project into this workspace.'),
    part(ctx, 'objective', el('p', { testid: 'review-objective-text' }, d.objective), el('p', {}, `Industry: ${INDUSTRY_LABELS[d.industry]}. Systems: ${d.systems.join(', ') || 'none'}.`)),
    part(ctx, 'clarify', list(d.clarifications.map((c) => `${c.question} — ${c.answer || '(no answer)'}`))),
    part(ctx, 'outcomes', list(d.kpis.map((k) => `${k.name}: ${k.target}`))),
    part(ctx, 'guardrails', list([...nonEmpty(d.guardrails.constraints), ...nonEmpty(d.guardrails.forbiddenData).map((s) => `Never touch: ${s}`), ...nonEmpty(d.guardrails.approvals).map((s) => `Approval: ${s}`)])),
    part(ctx, 'team', el('p', {}, `${d.pattern} pattern, ${d.agents.length} agents, ${d.edges.length} hand-offs.`), list(d.agents.map((a) => `${a.name} — ${a.role}${a.tools.length ? ` (tools: ${a.tools.map((t) => t.name).join(', ')})` : ''}`))),
    part(ctx, 'mockData', list([...d.datasets.map((x) => `Data set: ${x.name}`), `${d.agents.reduce((n, a) => n + a.tools.length, 0)} mock tool responses`])),
    part(ctx, 'demo', list(nonEmpty(d.demo.prompts))),
    el(
      'div',
      { class: 'row generate-row' },
      button('Preview files', () => void preview(ctx), { icon: 'eye', secondary: true, testid: 'preview' }),
      button(view.generating ? 'Generating…' : 'Generate project', () => void generate(ctx), { icon: 'rocket', testid: 'generate', disabled: view.generating }),
      existing ? el('span', { class: 'hint', testid: 'overwrite-note' }, icon('warning'), ` ${existing === 1 ? '1 file already exists' : `${existing} files already exist`}; you will be asked before anything is overwritten.`) : null,
    ),
    view.result ? el('div', { class: view.result.ok ? 'notice ok' : 'error', testid: 'generate-result', attrs: { role: view.result.ok ? 'status' : 'alert' } }, icon(view.result.ok ? 'pass' : 'error'), ' ', view.result.message) : null,
    filePreview(ctx),
  );
}
