// The scenario endpoints: the built-in pack (list, export), checking a pasted scenario with a
// preview of the trained model's attention on its sentence, and the custom scenarios an
// instructor saves with a party's session (X-Host-Key of that party). Installed before the
// other /api routes because a scenario may be far larger than the 4 KB the rest of the API takes.
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import fs from "node:fs";
import path from "node:path";
import { normalizeJoinCode } from "../../shared/joinCode.js";
import { SENTENCE_MAX_CHARS } from "../../shared/protocol.js";
import { SCENARIO_LIMITS, summarizeScenario, type Scenario } from "../../shared/scenario.js";
import { tooLargeMessage, type ScenarioCheck, type ScenarioProblem } from "../../shared/scenarioCheck.js";
import { log } from "../log.js";
import { ModelInputError } from "../model/ModelClient.js";
import type { ModelRoundEngine } from "../rooms/ModelRoundRunner.js";
import { BUILT_IN_SCENARIO_DIR, getScenario, scenarioLibrary } from "../scenarios/scenarioLibrary.js";
import { modelReadingProblems, sessionScenarioList } from "../scenarios/sessionScenarios.js";
import type { PartyStore } from "../storage/PartyStore.js";
import { clientIp, IpRateLimiter } from "./ipRateLimiter.js";

export interface ScenarioRouteDeps {
  store: PartyStore;
  model: Pick<ModelRoundEngine, "attend">;
  /** Checks (each one a model call) per minute per address. */
  checksPerMinutePerIp?: number;
}

/** {"text": "…"} escapes quotes and newlines, so the body may be about twice the file's size. */
const MAX_BODY_BYTES = 2 * SCENARIO_LIMITS.maxBytes + 4096;
const HOST_KEY_HEADER = "x-host-key";

/** The trained model's attention on a checked sentence scenario, as the dashboard previews it. */
export interface ScenarioPreview {
  tokens: string[];
  heads: Array<{ question: string; weights: number[][] }>;
}

interface CheckAnswer {
  ok: boolean;
  problems: ScenarioProblem[];
  scenario: Scenario | null;
  preview?: ScenarioPreview;
}

/**
 * The scenario text of a request: {"text": "<the file>"} as the API documents, or the scenario
 * object itself (curl -d @my-scenario.json), which is read as its JSON.
 */
function scenarioText(body: unknown): string | null {
  if (typeof body === "string") return body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const text = (body as { text?: unknown }).text;
  if (typeof text === "string") return text;
  if ("kind" in body || "id" in body) return JSON.stringify(body);
  return null;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function installScenarioRoutes(app: Express, deps: ScenarioRouteDeps): void {
  const { store, model } = deps;
  const checks = new IpRateLimiter(deps.checksPerMinutePerIp ?? 120);
  const paths = ["/api/scenarios", "/api/parties/:code/scenarios"];
  app.use(paths, (_req, res, next) => {
    // Custom scenarios belong to a class; nothing here is cached by a browser or a proxy.
    res.set("Cache-Control", "no-store").set("X-Content-Type-Options", "nosniff");
    next();
  });
  // JSON as documented; plain text is read as the scenario file itself (an upload as it is).
  app.use(paths, express.json({ limit: MAX_BODY_BYTES }), express.text({ limit: MAX_BODY_BYTES, type: "text/plain" }), bodyErrors);

  /**
   * The checks a saved scenario passes: shape, words, ids, and the trained model reading every
   * word — all of them at once: the model reads a sentence that reads even when other fields
   * have problems, so the author sees every problem (and the preview) in one answer.
   */
  const check = async (text: string): Promise<CheckAnswer> => {
    const checked: ScenarioCheck = scenarioLibrary().check(text);
    const { parts } = checked;
    if (parts.kind !== "sentence" || parts.sentence === null || parts.words === null) {
      return { ok: checked.scenario !== null, problems: checked.problems, scenario: checked.scenario };
    }
    let attend: Awaited<ReturnType<typeof model.attend>>;
    try {
      attend = await model.attend(parts.sentence);
    } catch (error) {
      if (!(error instanceof ModelInputError)) throw error;
      return { ok: false, problems: [...checked.problems, { path: "sentence", message: error.message }], scenario: null };
    }
    const problems = [...checked.problems, ...modelReadingProblems({ words: parts.words }, attend.trained, attend.unknownWords)];
    const preview: ScenarioPreview = {
      tokens: attend.trained.tokens,
      heads: attend.trained.heads.map((h) => ({ question: h.question, weights: h.weights.map((row) => row.map(round4)) })),
    };
    return { ok: problems.length === 0, problems, scenario: problems.length ? null : checked.scenario, preview };
  };

  const requireText = (req: Request, res: Response): string | null => {
    const text = scenarioText(req.body);
    if (text === null) {
      res.status(400).json({ ok: false, problems: [{ path: "", message: 'send {"text": "<the scenario JSON>"}' }] });
    }
    return text;
  };

  app.get("/api/scenarios", (_req, res) => {
    res.json({ scenarios: scenarioLibrary().list() });
  });

  // Export: the file as authored (the built-in files are named after their ids).
  app.get("/api/scenarios/:id", (req, res) => {
    const scenario = getScenario(req.params.id);
    if (!scenario) return res.status(404).json({ error: `No built-in scenario "${req.params.id}"` });
    const file = path.join(BUILT_IN_SCENARIO_DIR, `${scenario.id}.json`);
    res.attachment(`${scenario.id}.json`).type("application/json").send(fs.readFileSync(file, "utf8"));
  });

  // Whether the models can play a sentence (model, course and blocks rounds), asked by the
  // dashboard when a round is queued: the refusal comes where it was typed, not rounds later.
  app.get("/api/model/sentence-check", async (req, res) => {
    if (!checks.hit(clientIp(req))) return res.status(429).json({ error: "Too many checks; wait a moment" });
    const sentence = typeof req.query.sentence === "string" ? req.query.sentence : "";
    if (sentence.length > SENTENCE_MAX_CHARS) return res.status(413).json({ error: "The sentence is too long to check" });
    try {
      const { tokens, unknownWords } = await model.attend(sentence);
      res.json({ ok: true, tokens, unknownWords });
    } catch (error) {
      if (error instanceof ModelInputError) return res.json({ ok: false, problem: error.message });
      log.error("sentence check failed", { error: String(error) });
      res.status(503).json({ error: "The model could not read the sentence right now; try again" });
    }
  });

  app.post("/api/scenarios/check", async (req, res) => {
    if (!checks.hit(clientIp(req))) return res.status(429).json({ error: "Too many checks; wait a moment" });
    const text = requireText(req, res);
    if (text === null) return;
    try {
      const { ok, problems, preview } = await check(text);
      res.json({ ok, problems, ...(preview ? { preview } : {}) });
    } catch (error) {
      log.error("scenario check failed", { error: String(error) });
      res.status(503).json({ error: "The model could not read the sentence right now; try again" });
    }
  });

  /** The session behind a party code, when the request carries that party's host key; answers 401 itself otherwise. */
  const hostSession = (req: Request<{ code: string }>, res: Response): string | null => {
    const key = req.get(HOST_KEY_HEADER);
    const session = store.findOpenSessionByCode(normalizeJoinCode(req.params.code));
    // Same answer for an unknown party and a wrong key: the API never confirms that a code exists.
    if (!key || !session || !store.verifyHostKey(session.id, key)) {
      res.status(401).json({ error: "Send the party's host key as X-Host-Key" });
      return null;
    }
    return session.id;
  };

  app.get("/api/parties/:code/scenarios", (req, res) => {
    const sessionId = hostSession(req, res);
    if (sessionId) res.json({ scenarios: sessionScenarioList(store, sessionId) });
  });

  app.get("/api/parties/:code/scenarios/:id", (req, res) => {
    const sessionId = hostSession(req, res);
    if (!sessionId) return;
    const stored = store.getScenario(sessionId, req.params.id);
    if (!stored) return res.status(404).json({ error: `This party has no custom scenario "${req.params.id}"` });
    res.attachment(`${stored.id}.json`).type("application/json").send(stored.json);
  });

  app.post("/api/parties/:code/scenarios", async (req, res) => {
    const sessionId = hostSession(req, res);
    if (!sessionId) return;
    const text = requireText(req, res);
    if (text === null) return;
    let answer: CheckAnswer;
    try {
      answer = await check(text);
    } catch (error) {
      log.error("scenario check failed", { error: String(error) });
      return res.status(503).json({ error: "The model could not read the sentence right now; try again" });
    }
    if (!answer.scenario) return res.status(400).json({ ok: false, problems: answer.problems });
    // Stored as written (a byte-order mark dropped), so the export gives the author's own file back.
    const { isReplaced } = store.saveScenario(sessionId, answer.scenario.id, text.replace(/^\uFEFF/, ""));
    res.status(isReplaced ? 200 : 201).json({ ok: true, isReplaced, summary: summarizeScenario(answer.scenario) });
  });

  app.delete("/api/parties/:code/scenarios/:id", (req, res) => {
    const sessionId = hostSession(req, res);
    if (!sessionId) return;
    if (getScenario(req.params.id)) return res.status(400).json({ error: `"${req.params.id}" is a built-in scenario and cannot be deleted` });
    if (!store.deleteScenario(sessionId, req.params.id)) return res.status(404).json({ error: `This party has no custom scenario "${req.params.id}"` });
    res.status(204).end();
  });
}

/** A body over the limit or not JSON at all: the checker's words, in JSON, before any route runs. */
function bodyErrors(error: { type?: string; status?: number; length?: number }, _req: Request, res: Response, next: NextFunction): void {
  if (error.type === "entity.too.large") {
    const message = tooLargeMessage(error.length ?? MAX_BODY_BYTES + 1);
    res.status(413).json({ ok: false, error: message, problems: [{ path: "", message }] });
    return;
  }
  if (error.type === "entity.parse.failed") {
    const message = 'the request is not JSON; send {"text": "<the scenario JSON>"}';
    res.status(400).json({ ok: false, error: message, problems: [{ path: "", message }] });
    return;
  }
  next(error);
}
