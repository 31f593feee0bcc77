/** Offline knowledge for healthcare, manufacturing, logistics and the generic fallback. */
import type { IndustryProfile } from './profile';

export const healthcare: IndustryProfile = {
  label: 'Healthcare',
  systems: ['EHR', 'Scheduling', 'Claims / billing', 'Patient portal'],
  questions: [
    [
      'Do the agents support clinicians or administrative staff?',
      'Administrative staff: prior authorisation and scheduling; no clinical advice.',
    ],
    ['Where must patient data stay?', 'In the HIPAA-eligible account; only de-identified data in prompts.'],
    ['Which payers are in scope?', 'The three largest commercial payers for the pilot.'],
  ],
  kpis: [
    ['Prior authorisation turnaround', '< 24 hours'],
    ['Denial rate', '−25 %'],
    ['Staff hours saved', '≥ 10 hours per week per clinic'],
  ],
  guardrails: {
    constraints: [
      'No diagnosis or treatment advice',
      'Minimum necessary PHI per HIPAA',
      'Every submission reviewed by staff',
    ],
    forbiddenData: ['Psychotherapy notes', 'Full social security numbers', 'Records of patients outside the request'],
    approvals: ['Submitting an authorisation to a payer', 'Any message sent to a patient'],
  },
  pattern: 'sequential',
  agents: [
    {
      name: 'Intake Agent',
      role: "Reads the order and the patient's coverage",
      instructions: 'Extract procedure codes and the payer from the order.',
      tools: [
        {
          name: 'get_patient_summary',
          description: 'De-identified summary from the EHR',
          response: { patient_ref: 'P-1009', payer: 'Acme Health', procedure: 'MRI lumbar spine', cpt: '72148' },
          systems: ['ehr'],
        },
      ],
    },
    {
      name: 'Policy Agent',
      role: "Checks the payer's criteria",
      instructions: 'Compare the case with the payer policy and list missing documentation.',
      tools: [
        {
          name: 'get_payer_policy',
          description: "Returns the payer's criteria for a procedure",
          response: { requires_auth: true, criteria: ['6 weeks conservative therapy', 'neurological deficit'] },
        },
      ],
    },
    {
      name: 'Submission Agent',
      role: 'Prepares the authorisation request',
      instructions: 'Fill in the request and hold it for staff review.',
      tools: [
        {
          name: 'draft_authorization',
          description: 'Creates a draft request in the claims system',
          response: { draft_id: 'PA-7781', status: 'awaiting_review' },
          systems: ['claims', 'billing'],
        },
      ],
    },
  ],
  datasets: [
    {
      name: 'Orders',
      records: [{ order_id: 'ORD-H-55', patient_ref: 'P-1009', procedure: 'MRI lumbar spine', cpt: '72148' }],
    },
  ],
  demo: {
    prompts: ['Prepare the prior authorisation for order ORD-H-55.'],
    showcase: [
      'De-identified data flowing through the chain',
      'The policy check listing missing documents',
      'The draft held for staff review',
    ],
    talkingPoints: [
      'Hours of phone and fax work saved',
      'No clinical decisions by the agents',
      'PHI minimised at every step',
    ],
  },
};

export const manufacturing: IndustryProfile = {
  label: 'Manufacturing',
  systems: ['ERP', 'MES', 'CMMS / maintenance', 'IoT sensor platform', 'Quality management (QMS)'],
  questions: [
    ['Which assets are in scope?', 'The two CNC lines in plant 3, about 40 machines.'],
    [
      'What should happen when a failure is predicted?',
      'Create a maintenance work order and reserve spare parts; the planner confirms.',
    ],
    ['How fresh is the sensor data?', 'Aggregated every 5 minutes.'],
  ],
  kpis: [
    ['Unplanned downtime', '−30 %'],
    ['Overall equipment effectiveness (OEE)', '≥ 85 %'],
    ['Spare-part stock-outs', '0 per quarter'],
  ],
  guardrails: {
    constraints: [
      'Never send commands to machines',
      'Follow lock-out/tag-out procedures in every work order',
      'Use plant-approved parts only',
    ],
    forbiddenData: ['Supplier price agreements', 'Employee performance data'],
    approvals: ['Work orders that stop a production line', 'Purchase orders above $5,000'],
  },
  pattern: 'graph',
  agents: [
    {
      name: 'Sensor Analyst',
      role: 'Detects anomalies in machine telemetry',
      instructions: 'Read vibration and temperature trends; estimate time to failure.',
      tools: [
        {
          name: 'read_sensor_trend',
          description: 'Reads aggregated telemetry for a machine',
          response: { machine: 'CNC-07', vibration_mm_s: 7.8, threshold: 6.0, trend: 'rising' },
          systems: ['iot', 'sensor', 'mes'],
        },
      ],
    },
    {
      name: 'Maintenance Planner',
      role: 'Plans the intervention',
      instructions: 'Choose a maintenance window with the least production impact.',
      tools: [
        {
          name: 'get_production_schedule',
          description: 'Reads the line schedule',
          response: { next_window: 'Sat 06:00-10:00', line: 'L3' },
          systems: ['mes', 'erp'],
        },
        {
          name: 'create_work_order',
          description: 'Creates a work order in the CMMS',
          response: { work_order: 'WO-4410', status: 'draft' },
          systems: ['cmms', 'maintenance'],
        },
      ],
    },
    {
      name: 'Parts Agent',
      role: 'Secures spare parts',
      instructions: 'Check stock and reserve the parts the work order needs.',
      tools: [
        {
          name: 'check_inventory',
          description: 'Checks spare-part stock in the ERP',
          response: { part: 'SPINDLE-BRG-22', on_hand: 3, reserved: 1 },
          systems: ['erp'],
        },
      ],
    },
  ],
  datasets: [
    {
      name: 'Machines',
      records: [
        { machine: 'CNC-07', line: 'L3', last_service: '2025-01-10' },
        { machine: 'CNC-08', line: 'L3', last_service: '2024-12-02' },
      ],
    },
  ],
  demo: {
    prompts: ['CNC-07 vibration is rising. Plan the maintenance.'],
    showcase: [
      'The anomaly found from telemetry',
      'Planner and parts agents working from the same finding',
      'A draft work order ready for approval',
    ],
    talkingPoints: [
      'Fix before failure',
      'Maintenance planned around production',
      'No direct machine control by agents',
    ],
  },
};

export const logistics: IndustryProfile = {
  label: 'Logistics',
  systems: ['TMS', 'WMS', 'Carrier APIs', 'ERP', 'Customer portal'],
  questions: [
    ['Which exceptions should the agents handle?', 'Late shipments, missed pickups and damaged goods claims.'],
    ['May the agents rebook carriers?', 'Yes, within the contracted carriers and up to 10 % over the original cost.'],
    ['Who is notified about delays?', "The customer's logistics contact by email."],
  ],
  kpis: [
    ['On-time delivery', '≥ 95 %'],
    ['Exception handling time', '< 15 minutes'],
    ['Cost of rebooking', '≤ 10 % over plan'],
  ],
  guardrails: {
    constraints: [
      'Only contracted carriers',
      'Customs data is never modified',
      'Customer notifications use approved templates',
    ],
    forbiddenData: ['Driver personal data', 'Carrier contract rates in customer messages'],
    approvals: ['Rebooking above 10 % extra cost', 'Claims above $1,000'],
  },
  pattern: 'sequential',
  agents: [
    {
      name: 'Shipment Tracker',
      role: 'Finds the shipment and its delay',
      instructions: 'Read tracking events and estimate the new arrival time.',
      tools: [
        {
          name: 'track_shipment',
          description: 'Reads tracking events from the TMS',
          response: { shipment: 'SHP-2207', status: 'delayed', delay_hours: 18, location: 'Memphis hub' },
          systems: ['tms', 'carrier'],
        },
      ],
    },
    {
      name: 'Rebooking Agent',
      role: 'Finds a faster option',
      instructions: 'Compare contracted carriers and pick the cheapest option that meets the deadline.',
      tools: [
        {
          name: 'quote_carriers',
          description: 'Gets quotes from contracted carriers',
          response: {
            quotes: [
              { carrier: 'FastFreight', eta_hours: 20, cost: 410 },
              { carrier: 'RoadOne', eta_hours: 30, cost: 350 },
            ],
          },
          systems: ['carrier'],
        },
      ],
    },
    {
      name: 'Customer Notifier',
      role: 'Tells the customer what happens next',
      instructions: 'Write a short update with the new arrival time using the approved template.',
      tools: [
        {
          name: 'draft_notification',
          description: 'Drafts an email from a template',
          response: { template: 'delay_update', status: 'draft' },
          systems: ['portal', 'crm'],
        },
      ],
    },
  ],
  datasets: [
    {
      name: 'Shipments',
      records: [{ shipment: 'SHP-2207', origin: 'Dallas', destination: 'Atlanta', due: '2025-03-12T17:00Z' }],
    },
  ],
  demo: {
    prompts: ['Shipment SHP-2207 is delayed in Memphis. What should we do?'],
    showcase: [
      'Tracking, rebooking and notification in sequence',
      'Quotes compared by the rebooking agent',
      'The drafted customer email',
    ],
    talkingPoints: ['Exceptions handled in minutes', 'Costs kept within policy', 'Customers informed proactively'],
  },
};

export const generic: IndustryProfile = {
  label: 'General',
  systems: ['CRM', 'ERP', 'Ticketing', 'Knowledge base', 'Email'],
  questions: [
    ['Who uses the result, and what do they do with it?', 'An operations analyst reviews the answer and acts on it.'],
    ['What does a good answer contain?', 'A short summary, the evidence used and a recommended next step.'],
    ['Which systems hold the data the agents need?', 'The CRM for customers and the ticketing system for open issues.'],
  ],
  kpis: [
    ['Time to answer', '< 5 minutes'],
    ['Answers accepted without edits', '≥ 80 %'],
    ['Manual effort saved', '≥ 5 hours per week'],
  ],
  guardrails: {
    constraints: [
      'Cite the source of every fact',
      'Read-only access to business systems',
      'Stay within the stated objective',
    ],
    forbiddenData: ['Credentials and secrets', 'Personal data not needed for the task'],
    approvals: ['Any action that changes data in a business system'],
  },
  pattern: 'sequential',
  agents: [
    {
      name: 'Researcher',
      role: 'Gathers the facts',
      instructions: 'Collect the records and documents relevant to the request.',
      tools: [
        {
          name: 'search_knowledge_base',
          description: 'Searches internal documents',
          response: { hits: [{ title: 'Process guide', snippet: 'Step 1: verify the request.' }] },
          systems: ['knowledge'],
        },
        {
          name: 'lookup_records',
          description: 'Reads records from the business system',
          response: { records: [{ id: 'R-1', status: 'open' }] },
          systems: ['crm', 'erp', 'ticketing'],
        },
      ],
    },
    {
      name: 'Analyst',
      role: 'Draws conclusions',
      instructions: 'Compare the facts, find the cause and weigh options.',
      tools: [],
    },
    {
      name: 'Writer',
      role: 'Writes the answer',
      instructions: 'Write a short, sourced answer with a recommended next step.',
      tools: [],
    },
  ],
  datasets: [
    {
      name: 'Records',
      records: [
        { id: 'R-1', status: 'open', owner: 'ops' },
        { id: 'R-2', status: 'closed', owner: 'finance' },
      ],
    },
  ],
  demo: {
    prompts: ['Summarise the open records and recommend what to do first.'],
    showcase: ['Agents handing work to each other', 'Tool calls with their data', 'The final answer with sources'],
    talkingPoints: [
      'Repeatable analysis in minutes',
      'Every step visible and auditable',
      'Runs offline on mock data, ready for real systems',
    ],
  },
};
