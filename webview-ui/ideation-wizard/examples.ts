/** Starting points for the first step: example objectives, and common systems per industry. */
import type { Industry } from '../../src/protocol/ideationWizard';

export interface ObjectiveExample {
  title: string;
  objective: string;
  industry: Industry;
  systems: string[];
}

export const EXAMPLES: ObjectiveExample[] = [
  {
    title: 'Retail customer support',
    objective:
      'Resolve order-status, return and refund requests from web chat end to end, escalating only exceptions to a ' +
      'human agent.',
    industry: 'retail',
    systems: ['Order management (OMS)', 'CRM', 'Ticketing'],
  },
  {
    title: 'Loan application triage',
    objective:
      'Assess consumer loan applications in minutes: check completeness, credit and fraud risk and KYC, then draft a ' +
      'recommendation for the credit officer.',
    industry: 'finance',
    systems: ['Core banking', 'KYC / AML screening', 'Document management'],
  },
  {
    title: 'Predictive maintenance',
    objective:
      'Detect machines likely to fail from sensor trends, plan maintenance around the production schedule and ' +
      'reserve spare parts.',
    industry: 'manufacturing',
    systems: ['IoT sensor platform', 'ERP', 'CMMS / maintenance'],
  },
  {
    title: 'Shipment exception handling',
    objective:
      'Handle delayed shipments automatically: find the cause, rebook with a contracted carrier within budget and ' +
      'inform the customer.',
    industry: 'logistics',
    systems: ['TMS', 'Carrier APIs', 'Customer portal'],
  },
];

export const INDUSTRY_LABELS: Record<Industry, string> = {
  retail: 'Retail',
  finance: 'Financial services',
  healthcare: 'Healthcare',
  manufacturing: 'Manufacturing',
  logistics: 'Logistics',
  telecom: 'Telecommunications',
  generic: 'Other / general',
};

export const COMMON_SYSTEMS: Record<Industry, string[]> = {
  retail: ['E-commerce platform', 'Order management (OMS)', 'CRM', 'Inventory / WMS', 'Ticketing'],
  finance: ['Core banking', 'CRM', 'Fraud detection engine', 'KYC / AML screening', 'Document management'],
  healthcare: ['EHR', 'Scheduling', 'Claims / billing', 'Patient portal'],
  manufacturing: ['ERP', 'MES', 'CMMS / maintenance', 'IoT sensor platform', 'Quality management (QMS)'],
  logistics: ['TMS', 'WMS', 'Carrier APIs', 'ERP', 'Customer portal'],
  telecom: ['BSS / billing', 'OSS / network monitoring', 'CRM', 'Ticketing'],
  generic: ['CRM', 'ERP', 'Ticketing', 'Knowledge base', 'Email'],
};
