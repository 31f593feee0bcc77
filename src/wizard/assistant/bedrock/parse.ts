/**
 * Turns the model's text into a Suggestion: finds the JSON object, reads only the fields the step
 * expects, bounds every string and list, gives items ids, resolves edges by agent name, and
 * re-checks the result against the protocol's schema. The model's answer is untrusted input.
 */
import { AgentifyError } from '../../../common/errors';
import { LIMITS, Pattern, PATTERNS, SuggestStep, Suggestion } from '../../../protocol/ideationWizard';
import { parseUntrusted } from '../../../protocol/ipc';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number = LIMITS.long): string =>
  (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v)).slice(0, max);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, LIMITS.list) : []);
const strings = (v: unknown): string[] =>
  arr(v)
    .map((x) => str(x))
    .filter(Boolean);
const jsonText = (v: unknown): string =>
  (typeof v === 'string' ? v : JSON.stringify(v ?? {}, null, 2)).slice(0, LIMITS.json);

/** The first balanced top-level JSON object in the text (models sometimes wrap it in prose or fences). */
export function extractJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  if (start < 0) throw badAnswer('it contains no JSON object');
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      try {
        return JSON.parse(text.slice(start, i + 1));
      } catch (err) {
        throw badAnswer(`its JSON does not parse (${(err as Error).message})`, err);
      }
    }
  }
  throw badAnswer('its JSON object is incomplete');
}

function badAnswer(why: string, cause?: unknown): AgentifyError {
  return new AgentifyError(
    `The Bedrock model's answer could not be used: ${why}. Try again, or choose another model in ` +
      `agentify.bedrock.modelId.`,
    { code: 'Unknown', cause },
  );
}

export function parseSuggestion(step: SuggestStep, text: string): Suggestion {
  const raw = extractJsonObject(text);
  if (!isObj(raw)) throw badAnswer('it is not a JSON object');
  const suggestion = parseUntrusted(Suggestion, fromRaw(step, raw));
  if (!suggestion.success) throw badAnswer(`it does not have the expected shape (${suggestion.reason})`);
  return suggestion.output;
}

function fromRaw(step: SuggestStep, r: Obj): Suggestion {
  switch (step) {
    case 'clarify':
      return {
        step,
        clarifications: arr(r.questions)
          .filter(isObj)
          .map((q, i) => ({
            id: `q-${i + 1}`,
            question: str(q.question),
            suggestion: str(q.suggestedAnswer ?? q.answer),
            answer: '',
          }))
          .filter((q) => q.question),
      };
    case 'outcomes':
      return {
        step,
        kpis: arr(r.kpis)
          .filter(isObj)
          .map((k, i) => ({ id: `kpi-${i + 1}`, name: str(k.name, LIMITS.short), target: str(k.target, LIMITS.short) }))
          .filter((k) => k.name),
      };
    case 'guardrails':
      return {
        step,
        guardrails: {
          constraints: strings(r.constraints),
          forbiddenData: strings(r.forbiddenData),
          approvals: strings(r.approvals),
        },
      };
    case 'team':
      return team(r);
    case 'mockData':
      return {
        step,
        datasets: arr(r.datasets)
          .filter(isObj)
          .map((d, i) => ({
            id: `data-${i + 1}`,
            name: str(d.name, LIMITS.short) || `Dataset ${i + 1}`,
            records: jsonText(Array.isArray(d.records) ? d.records : []),
          })),
        toolResponses: arr(r.toolResponses)
          .filter(isObj)
          .map((t) => ({ toolName: str(t.toolName, LIMITS.short), mockResponse: jsonText(t.mockResponse) })),
      };
    case 'demo':
      return {
        step,
        demo: { prompts: strings(r.prompts), showcase: strings(r.showcase), talkingPoints: strings(r.talkingPoints) },
      };
  }
}

function team(r: Obj): Suggestion {
  const pattern: Pattern = (PATTERNS as readonly string[]).includes(r.pattern as string)
    ? (r.pattern as Pattern)
    : 'sequential';
  const agents = arr(r.agents)
    .filter(isObj)
    .map((a, i) => ({
      id: `agent-${i + 1}`,
      name: str(a.name, LIMITS.short) || `Agent ${i + 1}`,
      role: str(a.role),
      instructions: str(a.instructions),
      tools: arr(a.tools)
        .filter(isObj)
        .map((t, j) => ({
          id: `tool-${i + 1}-${j + 1}`,
          name: str(t.name, LIMITS.short) || `tool_${j + 1}`,
          description: str(t.description),
          mockResponse: jsonText(t.mockResponse),
        })),
    }));
  const byName = new Map(agents.map((a) => [a.name.toLowerCase(), a.id]));
  const edges = arr(r.edges)
    .filter(isObj)
    .map((e) => ({ from: byName.get(str(e.from).toLowerCase()) ?? '', to: byName.get(str(e.to).toLowerCase()) ?? '' }))
    .filter((e) => e.from && e.to && e.from !== e.to);
  return { step: 'team', pattern, agents, edges };
}
