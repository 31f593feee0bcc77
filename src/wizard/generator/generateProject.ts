/**
 * Generation as a pure function: a wizard design in, a map of workspace-relative path → file
 * content out, sorted by path. Writing (and asking before overwriting) is projectWriter.ts's job.
 */
import type { WizardDesign } from '../../protocol/ideationWizard';
import { DEFAULT_REGION, DEFAULT_TABLE_NAME } from '../../config/settings';
import { ConfigFileOptions, dataFiles } from './dataFiles';
import { docFiles } from './docFiles';
import { planProject } from './projectPlan';
import { pythonFiles } from './pythonFiles';

export type FileMap = Record<string, string>;

export const DEFAULT_CONFIG: ConfigFileOptions = { tableName: DEFAULT_TABLE_NAME, region: DEFAULT_REGION, endpoint: 'local' };

export function generateProject(design: WizardDesign, config: Partial<ConfigFileOptions> = {}): FileMap {
  const plan = planProject(design);
  const defaultPrompt = design.demo.prompts.find((p) => p.trim())?.trim() ?? plan.title;
  const all: FileMap = { ...pythonFiles(plan, defaultPrompt), ...dataFiles(design, plan, { ...DEFAULT_CONFIG, ...config }), ...docFiles(design, plan) };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}
