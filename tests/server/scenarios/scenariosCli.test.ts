// Scenario files on disk and the scenarios CLI, run as a class would: a valid file passes, each
// bad input gives its line and a non-zero exit, the built-in pack lists as JSON.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../../shared/scenarioCheck.js";
import { checkScenarioFile, checkScenarioFiles } from "../../../server/scenarios/scenarioFiles.js";
import { BUILT_IN_SCENARIO_DIR } from "../../../server/scenarios/scenarioLibrary.js";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "scenarios-"));
const DECKS = new Set(["neighbourhood"]);
const CAT_FILE = path.join(BUILT_IN_SCENARIO_DIR, "cat-on-the-mat.json");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeScenario(name: string, content: string | object): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const sentence = (id: string, key: object) => ({
  id,
  title: "A test",
  level: "beginner",
  kind: "sentence",
  summary: "A scenario written for a test.",
  sentence: "The cat sat on the mat because it was tired.",
  heads: [{ question: "Which earlier word is this about?", key }],
});

const lines = (file: string, options = {}) => checkScenarioFile(file, { deckIds: DECKS, ...options }).problems.map(formatProblem);

describe("scenario files", () => {
  it("refuses a 10 MB file by its size, before reading it", () => {
    const big = writeScenario("big.json", " ".repeat(10 * 1024 * 1024));
    expect(lines(big)).toEqual(["the file is 10.0 MB; a scenario may be at most 256 KB, so it was not read"]);
  });

  it("reports a missing file, a folder, text that is not JSON, a byte-order mark is fine", () => {
    expect(lines(path.join(dir, "absent.json"))).toEqual(["cannot read the file (ENOENT)"]);
    expect(lines(dir)).toEqual(["not a file"]);
    expect(lines(writeScenario("text.json", "hello"))[0]).toMatch(/^not valid JSON/);
    expect(lines(writeScenario("bom.json", `\uFEFF${JSON.stringify(sentence("bom", { it: ["cat"] }))}`))).toEqual([]);
  });

  it("gives the later of two files with one id the problem", () => {
    const first = writeScenario("first.json", sentence("same-id", { it: ["cat"] }));
    const second = writeScenario("second.json", sentence("same-id", { it: ["mat"] }));
    const checks = checkScenarioFiles([first, second], { deckIds: DECKS });
    expect(checks[0].problems).toEqual([]);
    expect(checks[1].problems.map(formatProblem)).toEqual([`id: "same-id" is also the id of ${path.relative(process.cwd(), first)}`]);
  });

  it("checks ids against the files that own them and, for the pack, the file name", () => {
    const copy = writeScenario("copy.json", sentence("cat-on-the-mat", { it: ["cat"] }));
    expect(lines(copy, { takenIds: new Map([["cat-on-the-mat", CAT_FILE]]) })).toEqual([
      `id: "cat-on-the-mat" is already the id of ${path.relative(process.cwd(), CAT_FILE)}`,
    ]);
    expect(lines(CAT_FILE, { takenIds: new Map([["cat-on-the-mat", CAT_FILE]]) })).toEqual([]);
    expect(lines(copy, { requireIdMatchesFileName: true })).toEqual(['id: "cat-on-the-mat" does not match the file name; name the file cat-on-the-mat.json']);
  });
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "tools/scenarios.ts", ...args], { maxBuffer: 4 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run scenarios", () => {
  it("--validate exits 0 for a valid file", async () => {
    const result = await cli("--validate", CAT_FILE);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${CAT_FILE}: ok (cat-on-the-mat, sentence, 10 words, 4 heads)\n`);
  });

  it("--validate exits 1 with one line per problem, naming the file and the field", async () => {
    const badKey = writeScenario("bad-key.json", sentence("bad-key", { it: ["dog"], "the#3": ["cat"] }));
    const noQuestion = writeScenario("no-question.json", { ...sentence("no-question", { it: ["cat"] }), heads: [{ key: { it: ["cat"] } }] });
    const unknownWord = writeScenario("unknown-word.json", { ...sentence("unknown-word", { it: ["cat"] }), sentence: "The qwzx cat sat because it was tired." });
    const notJson = writeScenario("not-json.json", "{ oops");
    const result = await cli("--validate", badKey, noQuestion, unknownWord, notJson);
    expect(result.code).toBe(1);
    const out = result.stdout.trim().split("\n");
    expect(out).toHaveLength(5);
    expect(out[0]).toMatch(/bad-key\.json: heads\[0\]\.key\.it\[0\]: "dog" is not a word of the sentence/);
    expect(out[1]).toBe(`${badKey}: heads[0].key.the#3: "the#3": "the" occurs only 2 times in the sentence`);
    expect(out[2]).toBe(`${noQuestion}: heads[0].question: a head needs a question, e.g. "Who did the action?"`);
    expect(out[3]).toBe(`${unknownWord}: sentence: "qwzx" is not in the GloVe vocabulary, so the model cannot read it; use another word`);
    expect(out[4]).toMatch(/not-json\.json: not valid JSON/);
  });

  it("--list --json lists the built-in pack", async () => {
    const result = await cli("--list", "--json");
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as Array<{ id: string; title: string; level: string; kind: string; words: number }>;
    expect(list.length).toBeGreaterThanOrEqual(12);
    expect(list.find((s) => s.id === "cat-on-the-mat")).toMatchObject({ title: "The cat sat on the mat", level: "beginner", kind: "sentence", words: 10 });
    expect(list.find((s) => s.id === "hospital-ward")).toMatchObject({ kind: "party", words: 0 });
  });

  it("refuses a call without a mode", async () => {
    const result = await cli("--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("give exactly one of --validate, --list, --schema");
  });
});
