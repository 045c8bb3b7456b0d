// The scenario endpoints the dashboard uses (server/http/scenarioRoutes.ts): the party's list
// (built-ins plus its own, with the host key; the public built-in list when that is refused),
// checking a scenario with a preview of the trained model's attention, saving it with the party and
// deleting one of the party's own (built-ins cannot be deleted).
import type { ScenarioProblem } from "../../shared/scenarioCheck.js";
import { apiOrigin } from "../net/endpoint.js";
import type { ListedScenario } from "./roundQueue.js";

/** The trained model's attention on the checked sentence: weights[h][i][j], rows and columns in `tokens` order ("<s>" first). */
export interface ScenarioPreview {
  tokens: string[];
  heads: Array<{ question: string; weights: number[][] }>;
}

export interface ScenarioCheckAnswer {
  ok: boolean;
  problems: ScenarioProblem[];
  preview?: ScenarioPreview;
}

export interface ScenarioSaveAnswer {
  ok: boolean;
  problems: ScenarioProblem[];
  isReplaced?: boolean;
  summary?: ListedScenario;
}

const HOST_KEY_HEADER = "X-Host-Key";

function listFrom(body: unknown): ListedScenario[] {
  const list = (body as { scenarios?: unknown } | null)?.scenarios;
  return (Array.isArray(list) ? list : []).filter(
    (s): s is ListedScenario => typeof s === "object" && s !== null && typeof (s as ListedScenario).id === "string" && typeof (s as ListedScenario).title === "string",
  ).map((s) => ({ ...s, questions: Array.isArray(s.questions) ? s.questions : [], wordCount: Number(s.wordCount) || 0 }));
}

/** The party's scenarios; the built-in list when the party's own cannot be read (older server, key refused). */
export async function fetchScenarios(code: string, hostKey: string): Promise<ListedScenario[]> {
  try {
    const res = await fetch(`${apiOrigin()}/api/parties/${encodeURIComponent(code)}/scenarios`, { headers: { [HOST_KEY_HEADER]: hostKey } });
    if (res.ok) return listFrom(await res.json());
  } catch {
    /* fall through to the public list */
  }
  const res = await fetch(`${apiOrigin()}/api/scenarios`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return listFrom(await res.json());
}

/** Problems from any answer body: {problems}, or {error} as one problem for the whole file. */
function problemsOf(body: unknown, status: number): ScenarioProblem[] {
  const b = (body ?? {}) as { problems?: unknown; error?: unknown };
  if (Array.isArray(b.problems)) {
    return b.problems.map((p: { path?: unknown; message?: unknown }) => ({ path: typeof p?.path === "string" ? p.path : "", message: String(p?.message ?? "") }));
  }
  return [{ path: "", message: typeof b.error === "string" ? b.error : `The server answered ${status}` }];
}

export async function checkScenario(text: string): Promise<ScenarioCheckAnswer> {
  const res = await fetch(`${apiOrigin()}/api/scenarios/check`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) return { ok: false, problems: problemsOf(body, res.status) };
  const answer = body as ScenarioCheckAnswer;
  return { ok: Boolean(answer.ok), problems: problemsOf(body, res.status), ...(answer.preview ? { preview: answer.preview } : {}) };
}

export async function saveScenario(code: string, hostKey: string, text: string): Promise<ScenarioSaveAnswer> {
  const res = await fetch(`${apiOrigin()}/api/parties/${encodeURIComponent(code)}/scenarios`, {
    method: "POST",
    headers: { "content-type": "application/json", [HOST_KEY_HEADER]: hostKey },
    body: JSON.stringify({ text }),
  });
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) return { ok: false, problems: problemsOf(body, res.status) };
  const answer = body as ScenarioSaveAnswer;
  return { ok: true, problems: [], isReplaced: Boolean(answer.isReplaced), ...(answer.summary ? { summary: answer.summary } : {}) };
}

/** A scenario's file as authored: a built-in's, or one of the party's own. */
export async function fetchScenarioFile(code: string, hostKey: string, scenario: ListedScenario): Promise<string> {
  const url = scenario.isCustom
    ? `${apiOrigin()}/api/parties/${encodeURIComponent(code)}/scenarios/${encodeURIComponent(scenario.id)}`
    : `${apiOrigin()}/api/scenarios/${encodeURIComponent(scenario.id)}`;
  const res = await fetch(url, { headers: scenario.isCustom ? { [HOST_KEY_HEADER]: hostKey } : {} });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

/** Deletes one of the party's own scenarios; the server refuses a built-in's id (400) or an unknown one (404). */
export async function deleteScenario(code: string, hostKey: string, scenarioId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const res = await fetch(`${apiOrigin()}/api/parties/${encodeURIComponent(code)}/scenarios/${encodeURIComponent(scenarioId)}`, {
    method: "DELETE",
    headers: { [HOST_KEY_HEADER]: hostKey },
  });
  if (res.ok) return { ok: true };
  const body: unknown = await res.json().catch(() => ({}));
  return { ok: false, message: problemsOf(body, res.status)[0].message };
}
