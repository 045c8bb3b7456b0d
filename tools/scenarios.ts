// Scenarios CLI: check scenario files, list the built-in pack, write the JSON Schema for editors.
//   npm run --silent scenarios -- --validate FILE [FILE…]   exit 0 if all valid, 1 with one line per problem
//   npm run --silent scenarios -- --list [--json]            the built-in pack: id, title, level, kind, words
//   npm run --silent scenarios -- --schema [--out PATH]      writes assets/scenarios/scenario.schema.json
// Problems go to stdout as "FILE: field: why"; usage errors to stderr with exit 2.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { summarizeScenario } from "../shared/scenario.js";
import { formatProblem } from "../shared/scenarioCheck.js";
import { loadWordLookup } from "../server/model/wordVectors.js";
import { loadDecks } from "../server/party/partyDeck.js";
import { checkScenarioFiles } from "../server/scenarios/scenarioFiles.js";
import { scenarioJsonSchemaText } from "../server/scenarios/scenarioJsonSchema.js";
import { BUILT_IN_SCENARIO_DIR, SCENARIO_SCHEMA_FILE, checkScenarioPack } from "../server/scenarios/scenarioLibrary.js";

const USAGE = "usage: npm run --silent scenarios -- --validate FILE [FILE…] | --list [--json] | --schema [--out PATH]";

function usageError(message: string): never {
  process.stderr.write(`scenarios: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function validate(files: string[]): number {
  if (files.length === 0) usageError("--validate needs at least one file");
  // Ids of the pack as it stands (words not checked: only the ids matter here).
  const takenIds = new Map(checkScenarioPack().flatMap((c) => (c.scenario ? [[c.scenario.id, c.file] as const] : [])));
  const checks = checkScenarioFiles(files, { deckIds: new Set(loadDecks().keys()), lookup: loadWordLookup(), takenIds });
  for (const check of checks) {
    if (check.problems.length === 0) {
      const s = check.scenario!;
      console.log(`${check.file}: ok (${s.id}, ${s.kind}${s.kind === "sentence" ? `, ${s.words.length} words, ${s.heads.length} heads` : ""})`);
    }
    for (const problem of check.problems) console.log(`${check.file}: ${formatProblem(problem)}`);
  }
  return checks.every((c) => c.problems.length === 0) ? 0 : 1;
}

function list(asJson: boolean): number {
  const checks = checkScenarioPack();
  const rows = checks.flatMap((c) => (c.scenario ? [summarizeScenario(c.scenario)] : []));
  if (asJson) {
    console.log(JSON.stringify(rows.map((r) => ({ id: r.id, title: r.title, level: r.level, kind: r.kind, words: r.wordCount, questions: r.questions }))));
  } else {
    for (const r of rows) console.log(`${r.id.padEnd(28)} ${r.kind.padEnd(9)} ${r.level.padEnd(13)} ${String(r.wordCount || "").padStart(3)}  ${r.title}`);
  }
  const broken = checks.filter((c) => c.problems.length > 0);
  for (const c of broken) for (const p of c.problems) process.stderr.write(`${c.file}: ${formatProblem(p)}\n`);
  return broken.length ? 1 : 0;
}

function writeSchema(out: string): number {
  writeFileSync(out, scenarioJsonSchemaText());
  process.stderr.write(`scenarios: wrote ${path.relative(process.cwd(), out) || out}\n`);
  return 0;
}

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        validate: { type: "boolean", default: false },
        list: { type: "boolean", default: false },
        schema: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        out: { type: "string" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = args;
  const modes = [values.validate, values.list, values.schema].filter(Boolean).length;
  if (modes !== 1) usageError("give exactly one of --validate, --list, --schema");
  if (values.validate) return validate(positionals);
  if (positionals.length > 0) usageError(`unexpected argument ${positionals[0]}`);
  if (values.list) return list(values.json);
  return writeSchema(values.out ?? path.join(BUILT_IN_SCENARIO_DIR, SCENARIO_SCHEMA_FILE));
}

process.exitCode = main();
