/** Offline knowledge for retail, finance and telecom: industries built around customers and transactions. */
import type { IndustryProfile } from './profile';

export const retail: IndustryProfile = {
  label: 'Retail',
  systems: ['E-commerce platform', 'Order management (OMS)', 'CRM', 'Inventory / WMS', 'Ticketing'],
  questions: [
    [
      'Which customer requests should the agents handle end to end?',
      'Order status, returns and exchanges under 30 days, and product availability questions.',
    ],
    [
      'When must a human take over?',
      'Refunds above $200, complaints mentioning legal action, and any request the agents are not confident about.',
    ],
    [
      'Which channels do the requests arrive through?',
      'Web chat and email; voice is out of scope for the first release.',
    ],
  ],
  kpis: [
    ['First-contact resolution', '≥ 70 % of requests resolved without a human'],
    ['Average handling time', '< 2 minutes per request'],
    ['Customer satisfaction (CSAT)', '≥ 4.5 / 5'],
    ['Refund accuracy', '100 % of refunds within policy'],
  ],
  guardrails: {
    constraints: [
      'Follow the published return policy exactly',
      'Never promise delivery dates the OMS does not confirm',
      'Log every action for audit',
    ],
    forbiddenData: ['Full payment card numbers', 'Customer passwords', "Other customers' orders"],
    approvals: ['Refunds above $200', 'Goodwill credits of any amount'],
  },
  pattern: 'supervisor',
  agents: [
    {
      name: 'Support Supervisor',
      role: 'Understands the request and routes it to the right specialist',
      instructions:
        'Classify the customer request (order, return, product). Delegate to the specialist, check the answer ' +
        'against policy and reply politely.',
      tools: [
        {
          name: 'classify_request',
          description: 'Classifies a customer message into order, return or product',
          response: { intent: 'return', confidence: 0.93 },
        },
      ],
    },
    {
      name: 'Order Specialist',
      role: 'Answers order and delivery questions',
      instructions: 'Look up the order, explain its status and the confirmed delivery window.',
      tools: [
        {
          name: 'get_order',
          description: 'Fetches an order from the order management system',
          response: { order_id: 'ORD-1042', status: 'shipped', carrier: 'UPS', eta: '2025-03-14' },
          systems: ['oms', 'order', 'e-commerce', 'erp'],
        },
      ],
    },
    {
      name: 'Returns Specialist',
      role: 'Decides returns and refunds within policy',
      instructions:
        'Check the purchase date and item condition against the return policy; propose a refund or exchange.',
      tools: [
        {
          name: 'check_return_policy',
          description: 'Returns the policy that applies to an item',
          response: { window_days: 30, restocking_fee: 0, eligible: true },
        },
        {
          name: 'create_refund',
          description: 'Creates a refund request in the payments system',
          response: { refund_id: 'RF-2291', amount: 59.9, status: 'pending_approval' },
        },
      ],
    },
    {
      name: 'Customer Profile Agent',
      role: 'Brings the customer history into the conversation',
      instructions: "Summarise the customer's recent orders, loyalty tier and open tickets.",
      tools: [
        {
          name: 'lookup_customer',
          description: 'Looks the customer up in the CRM',
          response: { customer_id: 'C-77', tier: 'gold', open_tickets: 1, lifetime_value: 2140 },
          systems: ['crm', 'ticketing', 'salesforce'],
        },
      ],
    },
  ],
  datasets: [
    {
      name: 'Orders',
      records: [
        { order_id: 'ORD-1042', customer_id: 'C-77', total: 59.9, status: 'shipped' },
        { order_id: 'ORD-1043', customer_id: 'C-12', total: 249.0, status: 'processing' },
      ],
    },
    {
      name: 'Customers',
      records: [
        { customer_id: 'C-77', name: 'Dana Lee', tier: 'gold' },
        { customer_id: 'C-12', name: 'Sam Ortiz', tier: 'standard' },
      ],
    },
  ],
  demo: {
    prompts: [
      'I want to return the running shoes from order ORD-1042, they are too small.',
      'Where is my order ORD-1043?',
    ],
    showcase: [
      'The supervisor routing to the right specialist',
      'Tool calls to the order system and the policy check',
      'The refund held for human approval',
    ],
    talkingPoints: [
      'Resolution in seconds instead of a queue',
      'Policy is enforced by a tool, not by prompt wording',
      'Every step is traceable in the Demo Viewer',
    ],
  },
};

export const finance: IndustryProfile = {
  label: 'Financial services',
  systems: ['Core banking', 'CRM', 'Fraud detection engine', 'KYC / AML screening', 'Document management'],
  questions: [
    [
      'Which decisions may the agents make on their own?',
      'They prepare a recommendation; a credit officer approves every decision.',
    ],
    ['Which regulations apply?', 'KYC/AML, fair lending rules and GDPR for EU customers.'],
    ['What is the expected volume?', 'About 500 applications a day, peaks at month end.'],
  ],
  kpis: [
    ['Time to decision', '< 10 minutes from application to recommendation'],
    ['Manual review rate', '≤ 25 % of applications'],
    ['False positive fraud alerts', 'reduced by 30 %'],
    ['Audit findings', '0 unexplained decisions'],
  ],
  guardrails: {
    constraints: [
      'Explain every recommendation with the data it used',
      'Apply the same criteria to every applicant',
      'Keep all data in the approved region',
    ],
    forbiddenData: [
      'Protected attributes (ethnicity, religion, health)',
      'Full account numbers in prompts or logs',
      'Credentials of any system',
    ],
    approvals: ['Every credit decision', 'Any transaction flagged as possible fraud before the customer is contacted'],
  },
  pattern: 'sequential',
  agents: [
    {
      name: 'Intake Agent',
      role: 'Collects and validates the application',
      instructions: 'Check that the application is complete and extract income, employment and amount requested.',
      tools: [
        {
          name: 'get_application',
          description: 'Reads the application from the document system',
          response: { application_id: 'APP-311', amount: 25000, term_months: 48, income: 72000 },
          systems: ['document', 'core banking'],
        },
      ],
    },
    {
      name: 'Risk Analyst',
      role: 'Assesses credit and fraud risk',
      instructions: 'Compute debt-to-income, read the credit score and the fraud score; list the risk factors.',
      tools: [
        {
          name: 'get_credit_score',
          description: 'Fetches the bureau credit score',
          response: { score: 712, bureau: 'mock-bureau' },
        },
        {
          name: 'fraud_check',
          description: 'Scores the application in the fraud engine',
          response: { fraud_score: 0.04, signals: [] },
          systems: ['fraud'],
        },
      ],
    },
    {
      name: 'Compliance Checker',
      role: 'Screens the applicant against KYC/AML lists',
      instructions: 'Run sanctions and PEP screening and confirm identity documents are valid.',
      tools: [
        {
          name: 'kyc_screen',
          description: 'Screens a person against sanctions and PEP lists',
          response: { sanctions_hit: false, pep: false, id_verified: true },
          systems: ['kyc', 'aml'],
        },
      ],
    },
    {
      name: 'Decision Writer',
      role: 'Writes the recommendation for the credit officer',
      instructions: 'Summarise the findings, recommend approve / refer / decline and cite each data point used.',
      tools: [],
    },
  ],
  datasets: [
    {
      name: 'Applications',
      records: [
        { application_id: 'APP-311', applicant: 'R. Novak', amount: 25000, income: 72000 },
        { application_id: 'APP-312', applicant: 'M. Chen', amount: 8000, income: 41000 },
      ],
    },
    { name: 'Transactions', records: [{ tx_id: 'TX-9001', account: '****4411', amount: 1200.5, country: 'DE' }] },
  ],
  demo: {
    prompts: [
      'Assess loan application APP-311 and prepare a recommendation.',
      'Is transaction TX-9001 likely fraudulent?',
    ],
    showcase: [
      'A sequential hand-off from intake to decision',
      'Each tool call with its inputs and outputs',
      'The recommendation citing its evidence',
    ],
    talkingPoints: [
      'Minutes instead of days to a recommendation',
      'Humans stay accountable for the decision',
      'A full audit trail for regulators',
    ],
  },
};

export const telecom: IndustryProfile = {
  label: 'Telecommunications',
  systems: ['BSS / billing', 'OSS / network monitoring', 'CRM', 'Ticketing'],
  questions: [
    ['Which problems should the agents diagnose?', 'Slow broadband, dropped calls and billing disputes.'],
    [
      'May the agents change anything on the network?',
      'No: they may only read diagnostics; changes go to a field engineer.',
    ],
    ['How do customers reach support?', "App chat and the call centre's agent desktop."],
  ],
  kpis: [
    ['Mean time to resolve', '−40 % against today'],
    ['Truck rolls avoided', '≥ 20 % of technical tickets'],
    ['Churn among contacted customers', '< 2 % per quarter'],
  ],
  guardrails: {
    constraints: [
      'Read-only access to network systems',
      'Follow the retention offer catalogue',
      'Respect contact preferences',
    ],
    forbiddenData: ['Call detail records beyond 30 days', 'Location history', 'Payment card data'],
    approvals: ['Bill credits above $50', 'Scheduling a technician visit'],
  },
  pattern: 'graph',
  agents: [
    {
      name: 'Triage Agent',
      role: 'Identifies the customer and the problem',
      instructions: 'Find the subscriber and classify the issue as network, device or billing.',
      tools: [
        {
          name: 'get_subscriber',
          description: 'Looks the subscriber up in the CRM',
          response: { msisdn: '+15550100', plan: 'Fiber 500', tenure_months: 26 },
          systems: ['crm'],
        },
      ],
    },
    {
      name: 'Network Diagnostics',
      role: 'Checks the line and the cell',
      instructions: 'Read line tests and outages near the customer; say whether the network is at fault.',
      tools: [
        {
          name: 'run_line_test',
          description: 'Runs a remote line test',
          response: { sync_rate_mbps: 112, expected_mbps: 500, errors: 'high' },
          systems: ['oss', 'network'],
        },
        { name: 'check_outages', description: 'Lists outages near an address', response: { outages: [] } },
      ],
    },
    {
      name: 'Billing Agent',
      role: 'Explains charges and proposes credits',
      instructions: 'Compare the bill with the plan; propose a credit when the service was degraded.',
      tools: [
        {
          name: 'get_invoice',
          description: 'Reads the latest invoice',
          response: { invoice_id: 'INV-552', amount: 89.0, disputed_items: ['roaming'] },
          systems: ['bss', 'billing'],
        },
      ],
    },
    {
      name: 'Resolution Agent',
      role: 'Combines findings into a resolution',
      instructions: 'Choose a fix, a credit or a technician visit and write the reply.',
      tools: [
        {
          name: 'open_ticket',
          description: 'Opens a ticket for field engineering',
          response: { ticket_id: 'TCK-8812', priority: 'P3' },
          systems: ['ticketing'],
        },
      ],
    },
  ],
  datasets: [
    { name: 'Subscribers', records: [{ msisdn: '+15550100', plan: 'Fiber 500', status: 'active' }] },
    { name: 'Line tests', records: [{ msisdn: '+15550100', sync_rate_mbps: 112, errors: 'high' }] },
  ],
  demo: {
    prompts: [
      'My fibre has been slow all week, subscriber +15550100.',
      'Why was I charged for roaming on invoice INV-552?',
    ],
    showcase: [
      'Diagnostics and billing running as branches of a graph',
      'The resolution agent merging both',
      'A ticket opened only after approval',
    ],
    talkingPoints: ['Fewer truck rolls', 'Consistent answers across channels', 'Read-only network access by design'],
  },
};
