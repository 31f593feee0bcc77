/**
 * Generation as a pure function: a wizard design in, a map of project-relative path → file
 * content out, sorted by path. Writing (and asking before overwriting) is projectWriter.ts's job.
 */
import type { WizardDesign } from '../../protocol/ideationWizard';
import { ConfigFileOptions, dataFiles } from './dataFiles';
import { ReadmeOptions, docFiles } from './docFiles';
import { planProject } from './projectPlan';
import { pythonFiles } from './pythonFiles';

export type FileMap = Record<string, string>;

export interface GenerateOptions extends ReadmeOptions {
  /**
   * The events table in effect, which the project's config then carries; without one the config
   * names no table and the extension's settings decide.
   */
  config?: ConfigFileOptions;
}

export function generateProject(design: WizardDesign, options: GenerateOptions = {}): FileMap {
  const plan = planProject(design);
  const all: FileMap = {
    ...pythonFiles(plan),
    ...dataFiles(design, plan, options.config),
    ...docFiles(design, plan, options),
  };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}
