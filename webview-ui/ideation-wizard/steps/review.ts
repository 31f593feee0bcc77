/**
 * Step 8: the whole design at a glance (each part links back to its step), the folder the project
 * goes to (by default a new one named after the workflow), a preview of every file generation
 * writes there (marking the existing files it would replace), and Generate. Existing files are
 * replaced only when the user ticks the consent under the preview; otherwise the host writes nothing.
 */
import {
  ChooseFolderRequest,
  GenerateRequest,
  PreviewRequest,
  STEPS,
  StepId,
} from '../../../src/protocol/ideationWizard';
import { button, el, icon, nonEmpty, section } from '../dom';
import { INDUSTRY_LABELS } from '../examples';
import { STEP_TITLES } from '../stepTitles';
import { validateStep, hasErrors } from '../validation';
import type { StepContext } from './context';

const list = (items: string[]) =>
  items.length ? el('ul', {}, ...items.map((i) => el('li', {}, i))) : el('p', { class: 'hint' }, 'None.');

function part(ctx: StepContext, step: StepId, ...content: (Node | string)[]): HTMLElement {
  const invalid = hasErrors(validateStep(step, ctx.store.design));
  return el(
    'section',
    { class: 'review-part', testid: `review-${step}` },
    el(
      'div',
      { class: 'row review-head' },
      el('h3', {}, STEP_TITLES[step]),
      invalid ? el('span', { class: 'badge warn' }, icon('warning'), ' Incomplete') : null,
      button(`Edit ${STEP_TITLES[step]}`, () => ctx.store.goTo(step), {
        icon: 'edit',
        secondary: true,
        iconOnly: true,
        testid: `edit-${step}`,
      }),
    ),
    ...content,
  );
}

const replaced = (ctx: StepContext) => ctx.store.view.preview?.files.filter((f) => f.changes).map((f) => f.path) ?? [];

async function preview(ctx: StepContext): Promise<void> {
  try {
    const p = await ctx.bridge.sendRequest(PreviewRequest, { design: ctx.store.design, folder: ctx.store.view.folder });
    const selected =
      p.files.find((f) => f.path === ctx.store.view.selectedFile) ??
      p.files.find((f) => f.path === 'agents/main.py') ??
      p.files[0];
    // Consent covers the files the user saw: another set of files to replace must be agreed anew.
    const before = replaced(ctx).join('\n');
    const after = p.files
      .filter((f) => f.changes)
      .map((f) => f.path)
      .join('\n');
    const replace = ctx.store.view.replace && before === after;
    ctx.store.setView({ preview: p, folder: p.folder, selectedFile: selected?.path, replace });
  } catch (err) {
    ctx.store.setView({ result: { ok: false, message: (err as Error).message } });
  }
}

async function chooseFolder(ctx: StepContext): Promise<void> {
  try {
    const { folder } = await ctx.bridge.sendRequest(ChooseFolderRequest, { current: ctx.store.view.folder });
    if (folder === null) return;
    ctx.store.setView({ folder, replace: false, result: undefined });
    await preview(ctx);
  } catch (err) {
    ctx.store.setView({ result: { ok: false, message: (err as Error).message } });
  }
}

async function generate(ctx: StepContext): Promise<void> {
  const incomplete = STEPS.filter((s) => hasErrors(validateStep(s, ctx.store.design)));
  if (incomplete.length)
    return ctx.store.setView({
      result: {
        ok: false,
        message: `Complete these steps first: ${incomplete.map((s) => STEP_TITLES[s]).join(', ')}.`,
      },
    });
  ctx.store.setView({ generating: true, result: undefined });
  try {
    const overwrite = ctx.store.view.replace ? replaced(ctx) : [];
    const r = await ctx.bridge.sendRequest(GenerateRequest, {
      design: ctx.store.design,
      folder: ctx.store.view.folder,
      overwrite,
    });
    ctx.store.setView({ generating: false, folder: r.folder, result: { ok: r.written, message: r.message } });
    // Refused or written: the preview shows the folder as it is now.
    await preview(ctx);
  } catch (err) {
    ctx.store.setView({ generating: false, result: { ok: false, message: (err as Error).message } });
  }
}

function folderRow(ctx: StepContext): HTMLElement {
  const folder = ctx.store.view.folder;
  return el(
    'div',
    { class: 'row folder-row' },
    icon('folder'),
    el(
      'span',
      { testid: 'target-folder', attrs: { title: folder ?? '' } },
      folder
        ? `Generates into ${folder}`
        : 'Generates into a new folder named after the workflow (Preview shows where).',
    ),
    button('Choose folder…', () => void chooseFolder(ctx), {
      icon: 'folder-opened',
      secondary: true,
      testid: 'choose-folder',
    }),
  );
}

function consent(ctx: StepContext): HTMLElement | null {
  const paths = replaced(ctx);
  if (!paths.length) return null;
  const box = el('input', { testid: 'replace-existing', attrs: { type: 'checkbox', id: 'replace-existing' } });
  box.checked = !!ctx.store.view.replace;
  box.addEventListener('change', () => ctx.store.setView({ replace: box.checked }));
  const which = paths.length === 1 ? 'existing file that differs' : `${paths.length} existing files that differ`;
  const label = `Replace the ${which} (marked "replaces" below)`;
  return el('div', { class: 'row consent' }, box, el('label', { attrs: { for: 'replace-existing' } }, label));
}

function filePreview(ctx: StepContext): HTMLElement | null {
  const files = ctx.store.view.preview?.files;
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
          {
            class: `file${f === selected ? ' selected' : ''}`,
            testid: 'preview-file',
            attrs: { role: 'option', tabindex: '0', 'aria-selected': String(f === selected) },
            on: {
              click: () => ctx.store.setView({ selectedFile: f.path }),
              keydown: (e) => (e.key === 'Enter' || e.key === ' ') && ctx.store.setView({ selectedFile: f.path }),
            },
          },
          icon('file'),
          ' ',
          el('span', {}, f.path),
          f.changes
            ? el('span', { class: 'badge warn', testid: 'overwrite-badge' }, 'replaces')
            : f.exists
              ? el('span', { class: 'badge', testid: 'unchanged-badge' }, 'unchanged')
              : null,
        );
        return item;
      }),
    ),
    el(
      'pre',
      {
        class: 'file-content',
        testid: 'file-content',
        attrs: { tabindex: '0', 'aria-label': selected ? `Content of ${selected.path}` : 'File content' },
      },
      selected?.content ?? '',
    ),
  );
}

export function renderReview(ctx: StepContext): HTMLElement {
  const d = ctx.store.design;
  const view = ctx.store.view;
  const existing = replaced(ctx).length;
  return el(
    'div',
    {},
    section(
      'Review and generate',
      'Check the design, preview the files, then generate a runnable, instrumented project into its own folder.',
    ),
    part(
      ctx,
      'objective',
      el('p', { testid: 'review-objective-text' }, d.objective),
      el('p', {}, `Industry: ${INDUSTRY_LABELS[d.industry]}. Systems: ${d.systems.join(', ') || 'none'}.`),
    ),
    part(ctx, 'clarify', list(d.clarifications.map((c) => `${c.question} — ${c.answer || '(no answer)'}`))),
    part(ctx, 'outcomes', list(d.kpis.map((k) => `${k.name}: ${k.target}`))),
    part(
      ctx,
      'guardrails',
      list([
        ...nonEmpty(d.guardrails.constraints),
        ...nonEmpty(d.guardrails.forbiddenData).map((s) => `Never touch: ${s}`),
        ...nonEmpty(d.guardrails.approvals).map((s) => `Approval: ${s}`),
      ]),
    ),
    part(
      ctx,
      'team',
      el('p', {}, `${d.pattern} pattern, ${d.agents.length} agents, ${d.edges.length} hand-offs.`),
      list(
        d.agents.map(
          (a) => `${a.name} — ${a.role}${a.tools.length ? ` (tools: ${a.tools.map((t) => t.name).join(', ')})` : ''}`,
        ),
      ),
    ),
    part(
      ctx,
      'mockData',
      list([
        ...d.datasets.map((x) => `Data set: ${x.name}`),
        `${d.agents.reduce((n, a) => n + a.tools.length, 0)} mock tool responses`,
      ]),
    ),
    part(ctx, 'demo', list(nonEmpty(d.demo.prompts))),
    folderRow(ctx),
    el(
      'div',
      { class: 'row generate-row' },
      button('Preview files', () => void preview(ctx), { icon: 'eye', secondary: true, testid: 'preview' }),
      button(view.generating ? 'Generating…' : 'Generate project', () => void generate(ctx), {
        icon: 'rocket',
        testid: 'generate',
        disabled: view.generating,
      }),
      existing
        ? el(
            'span',
            { class: 'hint', testid: 'overwrite-note' },
            icon('warning'),
            ` ${existing === 1 ? '1 existing file differs' : `${existing} existing files differ`}: ` +
              'nothing is written unless you tick "Replace".',
          )
        : null,
    ),
    consent(ctx),
    view.result
      ? el(
          'div',
          {
            class: view.result.ok ? 'notice ok' : 'error',
            testid: 'generate-result',
            attrs: { role: view.result.ok ? 'status' : 'alert' },
          },
          icon(view.result.ok ? 'pass' : 'error'),
          ' ',
          view.result.message,
        )
      : null,
    filePreview(ctx),
  );
}
