/** The offline assistant's industry profiles, by industry id. */
import type { Industry } from '../../../protocol/ideationWizard';
import type { IndustryProfile } from './profile';
import { finance, retail, telecom } from './profilesCommerce';
import { generic, healthcare, logistics, manufacturing } from './profilesOperations';

export const PROFILES: Record<Industry, IndustryProfile> = {
  retail,
  finance,
  healthcare,
  manufacturing,
  logistics,
  telecom,
  generic,
};

export function profileFor(industry: Industry): IndustryProfile {
  return PROFILES[industry] ?? generic;
}
