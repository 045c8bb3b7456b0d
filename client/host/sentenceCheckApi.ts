// GET /api/model/sentence-check: whether the models can play a sentence, asked when the
// instructor queues a model, course or blocks round (the start checks it again).
import { apiOrigin } from "../net/endpoint.js";

export type SentenceCheck = { ok: true; unknownWords: string[] } | { ok: false; problem: string };

export async function checkModelSentence(sentence: string): Promise<SentenceCheck> {
  const res = await fetch(`${apiOrigin()}/api/model/sentence-check?sentence=${encodeURIComponent(sentence)}`);
  const body = (await res.json().catch(() => ({}))) as { ok?: unknown; problem?: unknown; unknownWords?: unknown; error?: unknown };
  if (res.status === 413) return { ok: false, problem: String(body.error ?? "The sentence is too long.") };
  if (!res.ok) throw new Error(typeof body.error === "string" ? body.error : `HTTP ${res.status}`);
  if (body.ok === true) return { ok: true, unknownWords: Array.isArray(body.unknownWords) ? body.unknownWords.map(String) : [] };
  return { ok: false, problem: typeof body.problem === "string" ? body.problem : "The model cannot read this sentence." };
}
