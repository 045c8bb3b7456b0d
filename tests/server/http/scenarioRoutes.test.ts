// The scenario endpoints on the real server (real model worker for the preview, real SQLite for
// saved scenarios): list and export the pack, check a pasted scenario with precise problems and the
// trained model's preview, save/list/export/delete a party's own scenarios behind its host key,
// refuse what is too large or not JSON, and play a saved scenario in a round.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, ServerMessage, type ErrorPayload } from "../../../shared/protocol.js";
import type { SeatPayload } from "../../../shared/sentenceRound.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { DOG_SCENARIO } from "../../helpers/scenarioFixtures.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const DOG = DOG_SCENARIO;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.httpUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: (await response.json()) as Record<string, unknown> };
}

const check = (scenario: unknown) => post("/api/scenarios/check", { text: typeof scenario === "string" ? scenario : JSON.stringify(scenario) });
type Problems = Array<{ path: string; message: string }>;

describe("the built-in pack", () => {
  it("lists summaries and exports each file as written", async () => {
    const list = (await (await fetch(`${t.httpUrl}/api/scenarios`)).json()) as { scenarios: Array<{ id: string; wordCount: number; kind: string }> };
    expect(list.scenarios.length).toBeGreaterThanOrEqual(12);
    expect(list.scenarios.find((s) => s.id === "cat-on-the-mat")).toMatchObject({ kind: "sentence", wordCount: 10 });
    const file = await fetch(`${t.httpUrl}/api/scenarios/cat-on-the-mat`);
    expect(file.headers.get("content-disposition")).toMatch(/cat-on-the-mat\.json/);
    expect(((await file.json()) as { sentence: string }).sentence).toBe("The cat sat on the mat because it was tired.");
    expect((await fetch(`${t.httpUrl}/api/scenarios/nope`)).status).toBe(404);
  });
});

describe("checking a scenario", () => {
  it("passes a good one with the trained model's attention on its sentence", async () => {
    const { status, body } = await check(DOG);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, problems: [] });
    const preview = body.preview as { tokens: string[]; heads: Array<{ question: string; weights: number[][] }> };
    expect(preview.tokens).toEqual(["<s>", "the", "dog", "chased", "the", "cat", "in", "the", "park", "because", "it", "was", "angry"]);
    expect(preview.heads.map((h) => h.question)).toEqual(["Who did the action?", "Where did it happen?", "Positive or negative?", "Which earlier word is this about?"]);
    for (const head of preview.heads) for (const row of head.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    // The trained model's "who did it" head: "chased" looks at "dog".
    const row = preview.heads[0].weights[3];
    expect(preview.tokens[row.indexOf(Math.max(...row))]).toBe("dog");
  }, 60_000);

  it("names the field, the word and why for every problem", async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ ...DOG, heads: [{ question: "Who did the action?", key: { chased: ["horse"] } }] }, "heads[0].key.chased[0]", /"horse" is not a word of the sentence/],
      [{ ...DOG, heads: [{ key: { chased: ["dog"] } }] }, "heads[0].question", /a head needs a question/],
      [{ ...DOG, sentence: "The zzxqv chased the cat." , hints: {}, heads: [{ question: "Who did the action?", key: { chased: ["cat"] } }] }, "sentence", /"zzxqv" is not in the GloVe vocabulary/],
      ["this is not json", "", /not valid JSON/],
    ];
    for (const [scenario, path, message] of cases) {
      const { status, body } = await check(scenario);
      expect(status).toBe(200);
      expect(body.ok).toBe(false);
      const problems = body.problems as Problems;
      expect(problems.some((p) => p.path === path && message.test(p.message)), JSON.stringify(problems)).toBe(true);
    }
    // A plain-text upload is read as the file itself.
    const raw = await fetch(`${t.httpUrl}/api/scenarios/check`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{ nope" });
    expect(((await raw.json()) as { problems: Problems }).problems[0].message).toMatch(/not valid JSON/);
    // A body that is not JSON at all gets a JSON answer too.
    const broken = await post("/api/scenarios/check", "{ nope");
    expect(broken.status).toBe(400);
    expect((broken.body.problems as Problems)[0].message).toMatch(/not JSON/);
  }, 60_000);

  it("reports every problem of a scenario in one answer, with the preview of a sentence that reads", async () => {
    // A structural problem (no summary), a built-in's id, a key word not in the sentence and a
    // word the model cannot read: before, each was only reported once the earlier ones were fixed.
    const { summary: _summary, ...noSummary } = DOG;
    const scenario = {
      ...noSummary,
      id: "cat-on-the-mat",
      sentence: "The dog chased the zzxqv in the park because it was angry.",
      hints: {},
      heads: [{ question: "Who did the action?", key: { chased: ["horse"] } }],
    };
    const { status, body } = await check(scenario);
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    const problems = body.problems as Problems;
    const found = (path: string, message: RegExp) => problems.some((p) => p.path === path && message.test(p.message));
    expect(found("summary", /is missing/), JSON.stringify(problems)).toBe(true);
    expect(found("id", /is the id of a built-in scenario/), JSON.stringify(problems)).toBe(true);
    expect(found("heads[0].key.chased[0]", /"horse" is not a word of the sentence/), JSON.stringify(problems)).toBe(true);
    expect(found("sentence", /"zzxqv" is not in the GloVe vocabulary/), JSON.stringify(problems)).toBe(true);
    expect((body.preview as { tokens: string[] }).tokens).toContain("chased");
    // Saving it gets the same list, and nothing is saved.
    const created = await post("/api/parties", {});
    const saved = await post(`/api/parties/${created.body.code as string}/scenarios`, { text: JSON.stringify(scenario) }, { "X-Host-Key": created.body.hostKey as string });
    expect(saved.status).toBe(400);
    expect((saved.body.problems as Problems).map((p) => p.path).sort()).toEqual(problems.map((p) => p.path).sort());
  }, 60_000);

  it("refuses 10 MB with 413 and a JSON error, and keeps serving", async () => {
    const huge = JSON.stringify({ text: "x".repeat(10 * 1024 * 1024) });
    const { status, type, body } = await post("/api/scenarios/check", huge);
    expect(status).toBe(413);
    expect(type).toMatch(/application\/json/);
    expect(String(body.error)).toMatch(/at most 256 KB/);
    // Just over the file limit inside the body limit: the checker's own words.
    const over = await check("x".repeat(300 * 1024));
    expect((over.body.problems as Problems)[0].message).toMatch(/at most 256 KB, so it was not read/);
    expect((await check(DOG)).body.ok).toBe(true);
  }, 60_000);
});

describe("checking a sentence for the models", () => {
  const sentenceCheck = async (sentence: string) => {
    const response = await fetch(`${t.httpUrl}/api/model/sentence-check?sentence=${encodeURIComponent(sentence)}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  it("says whether the trained model can play a sentence, and why not", async () => {
    expect(await sentenceCheck("The queen thanked the zzxqv farmer because she was happy.")).toEqual({ status: 200, body: { ok: true, tokens: ["<s>", "the", "queen", "thanked", "the", "farmer", "because", "she", "was", "happy"], unknownWords: ["zzxqv"] } });
    expect(await sentenceCheck("asdfq qwerz zxcvb")).toEqual({ status: 200, body: { ok: false, problem: "The model knows none of these words: asdfq, qwerz, zxcvb." } });
    expect((await sentenceCheck("")).body).toEqual({ ok: false, problem: "The sentence has no words." });
    expect((await sentenceCheck(Array.from({ length: 70 }, () => "cat").join(" "))).body.problem).toMatch(/^The sentence has 70 words; the model takes at most \d+\.$/);
    expect((await sentenceCheck("x".repeat(3001))).status).toBe(413);
  });
});

describe("a party's own scenarios", () => {
  it("saves, lists, exports, plays and deletes them behind the host key, and refuses duplicates of built-in ids", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    const other = await HostDriver.createParty(t.httpUrl);
    const base = `/api/parties/${host.code}/scenarios`;
    const asHost = { "x-host-key": host.hostKey };

    // Wrong key, no key, or another party's key: 401, nothing saved.
    const wrongKeys: Array<Record<string, string>> = [{}, { "x-host-key": "wrong" }, { "x-host-key": other.hostKey }];
    for (const headers of wrongKeys) {
      expect((await post(base, { text: JSON.stringify(DOG) }, headers)).status).toBe(401);
    }
    expect(t.store.listScenarios(host.created.sessionId)).toEqual([]);

    const saved = await post(base, { text: JSON.stringify(DOG, null, 2) }, asHost);
    expect(saved.status).toBe(201);
    expect(saved.body.summary).toMatchObject({ id: DOG.id, kind: "sentence", wordCount: 12, questions: ["Who did the action?", "Where did it happen?"] });
    // Saving the same id again replaces it (an instructor fixing a typo).
    const resaved = await post(base, DOG, asHost);
    expect(resaved).toMatchObject({ status: 200, body: { isReplaced: true } });
    // A built-in's id is refused, and so is a broken scenario: 400 with the problems.
    const duplicate = await post(base, { text: JSON.stringify({ ...DOG, id: "cat-on-the-mat" }) }, asHost);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.problems).toEqual([{ path: "id", message: expect.stringMatching(/id of a built-in scenario/) }]);
    const broken = await post(base, { text: JSON.stringify({ ...DOG, id: "broken-one", heads: [] }) }, asHost);
    expect(broken.status).toBe(400);
    expect(t.store.listScenarios(host.created.sessionId).map((s) => s.id)).toEqual([DOG.id]);

    const list = (await (await fetch(`${t.httpUrl}${base}`, { headers: asHost })).json()) as { scenarios: Array<{ id: string; isCustom: boolean }> };
    expect(list.scenarios.filter((s) => s.isCustom).map((s) => s.id)).toEqual([DOG.id]);
    expect(list.scenarios.find((s) => s.id === "cat-on-the-mat")?.isCustom).toBe(false);
    const otherList = (await (await fetch(`${t.httpUrl}/api/parties/${other.code}/scenarios`, { headers: { "x-host-key": other.hostKey } })).json()) as { scenarios: Array<{ id: string }> };
    expect(otherList.scenarios.map((s) => s.id)).not.toContain(DOG.id);
    expect((await fetch(`${t.httpUrl}${base}`)).status).toBe(401);

    const exported = await fetch(`${t.httpUrl}${base}/${DOG.id}`, { headers: asHost });
    expect(JSON.parse(await exported.text())).toEqual(DOG);

    // A round plays it from the session; another party cannot.
    const bot = await new BotStudent(t.wsUrl, "Ada").join(host.code);
    await host.waitFor((s) => s.guests.size === 1, "guest");
    const seat = bot.next<SeatPayload>(ServerMessage.seat, 60_000);
    host.send(ClientMessage.startRound, { roundType: "sentence", scenarioId: DOG.id });
    expect(await seat).toMatchObject({ scenarioId: DOG.id, title: DOG.title, tableCount: 1 });
    const otherBot = await new BotStudent(t.wsUrl, "Ben").join(other.code);
    const refused = other.nextMessage<ErrorPayload>(ServerMessage.error, 30_000);
    other.send(ClientMessage.startRound, { roundType: "sentence", scenarioId: DOG.id });
    expect((await refused).message).toMatch(/No scenario "dog-in-the-park"/);

    const remove = (id: string) => fetch(`${t.httpUrl}${base}/${id}`, { method: "DELETE", headers: asHost });
    expect((await remove("cat-on-the-mat")).status).toBe(400);
    expect((await fetch(`${t.httpUrl}${base}/${DOG.id}`, { method: "DELETE" })).status).toBe(401);
    expect((await remove(DOG.id)).status).toBe(204);
    expect((await remove(DOG.id)).status).toBe(404);
    expect(t.store.listScenarios(host.created.sessionId)).toEqual([]);
    await Promise.all([bot.leave(), otherBot.leave(), host.leave(), other.leave()]);
  }, 90_000);
});
