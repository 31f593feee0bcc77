/**
 * The shape of the offline assistant's knowledge about one industry: typical systems, the questions
 * worth asking, KPIs, guardrails, a proven agent team with mock tools, sample records and a demo
 * script. Plain data, so adding an industry means adding one object.
 */
import type { DemoStrategy, Guardrails, Pattern } from '../../../protocol/ideationWizard';

export interface ProfileTool {
  name: string;
  description: string;
  /** What the mock tool returns (serialised to JSON for the design). */
  response: unknown;
  /** Systems (lower case words) this tool stands for; matched against the user's systems. */
  systems?: string[];
}

export interface ProfileAgent {
  name: string;
  role: string;
  instructions: string;
  tools: ProfileTool[];
}

export interface IndustryProfile {
  label: string;
  systems: string[];
  /** Question, suggested answer. */
  questions: [string, string][];
  /** KPI name, target. */
  kpis: [string, string][];
  guardrails: Guardrails;
  pattern: Pattern;
  agents: ProfileAgent[];
  datasets: { name: string; records: unknown[] }[];
  demo: DemoStrategy;
}
