// Rehearsal CLI: plays one round with bot students and prints one JSON document.
//   npm run --silent session -- [--students N] [--texts FILE] [--deck ID] [--url URL] [--seed S] [--chaos] --json
//   npm run --silent session -- --scenario ID [--round party|sentence|heads] [--students N] --json
// Without --url it starts its own server on a free port and stops it afterwards.
// Logs go to stderr; stdout carries only the result.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { TEXT_LIMITS } from "../shared/text.js";
import { loadConfig } from "../server/config.js";
import { createPartyServer } from "../server/createPartyServer.js";
import { EngineClient } from "../server/engine/EngineClient.js";
import { getDeck, loadDecks } from "../server/party/partyDeck.js";
import { PartyStore } from "../server/storage/PartyStore.js";
import { runPartyRehearsal, type RehearsalText } from "../server/bots/partyRehearsal.js";
import { runSentenceRehearsal } from "../server/bots/sentenceRehearsal.js";
import { deckOf, getScenario, listScenarios } from "../server/scenarios/scenarioLibrary.js";

const TextsFileSchema = z
  .array(
    z.object({
      name: z.string().min(1).max(TEXT_LIMITS.nickname),
      query: z.string().trim().min(1).max(TEXT_LIMITS.query),
      key: z.string().trim().min(1).max(TEXT_LIMITS.key),
      value: z.string().trim().min(1).max(TEXT_LIMITS.value),
      need: z.string().optional(),
      offer: z.string().optional(),
    }),
  )
  .min(2, "a texts file needs at least 2 guests")
  .refine((texts) => texts.every((t) => t.need && t.offer) || texts.every((t) => !t.need && !t.offer), {
    message: "give need and offer on every entry or on none",
  });

function fail(message: string): never {
  process.stderr.write(`session: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({
    options: {
      students: { type: "string", default: "12" },
      texts: { type: "string" },
      url: { type: "string" },
      seed: { type: "string", default: "42" },
      json: { type: "boolean", default: false },
      chaos: { type: "boolean", default: false },
      deck: { type: "string" },
      scenario: { type: "string" },
      round: { type: "string" },
    },
  });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsedArgs;
  const students = Number(values.students);
  const round = values.round ?? (values.scenario && getScenario(values.scenario)?.kind === "sentence" ? "sentence" : "party");
  if (round !== "party" && round !== "sentence" && round !== "heads") fail(`--round must be party, sentence or heads (not "${round}")`);
  // A sentence round can be played by one student (the model plays the other words).
  const fewest = round === "party" ? 2 : 1;
  if (!Number.isInteger(students) || students < fewest || students > 1000) fail(`--students must be an integer from ${fewest} to 1000`);
  const scenario = values.scenario ? getScenario(values.scenario) : undefined;
  if (values.scenario && !scenario) fail(`no scenario "${values.scenario}"; scenarios: ${listScenarios().map((s) => s.id).join(", ")}`);
  if (round !== "party") {
    if (values.texts || values.deck || values.chaos) fail(`--texts, --deck and --chaos are for party rounds; a ${round} round takes --scenario`);
    if (scenario && scenario.kind !== "sentence") fail(`"${scenario.id}" is a party scenario; play it with --round party`);
  } else if (scenario && scenario.kind !== "party") {
    fail(`"${scenario.id}" is a sentence scenario; play it with --round sentence or --round heads`);
  } else if (scenario && values.deck) {
    fail("give --scenario or --deck, not both: a party scenario names its deck");
  }
  let texts: RehearsalText[] | undefined;
  if (values.texts) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(values.texts, "utf8"));
    } catch (error) {
      fail(`cannot read ${values.texts}: ${(error as Error).message}`);
    }
    const parsed = TextsFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`${values.texts}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
    }
    texts = parsed.data;
  }

  if (values.deck && !loadDecks().has(values.deck)) fail(`no deck "${values.deck}"; decks: ${[...loadDecks().keys()].join(", ")}`);
  const deck = scenario?.kind === "party" ? deckOf(scenario) : getDeck(values.deck);
  const itemIds = new Set(deck.items.map((i) => i.id));
  const badId = texts?.flatMap((t) => [t.need, t.offer]).find((id) => id !== undefined && !itemIds.has(id));
  if (badId) fail(`deck "${deck.id}" has no item "${badId}" (need/offer are deck item ids)`);
  let stop = async () => {};
  let httpUrl = values.url?.replace(/\/+$/, "");
  if (!httpUrl) {
    const config = loadConfig({ port: 0, host: "127.0.0.1" });
    const store = PartyStore.open(config.dbPath);
    const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
    const server = await createPartyServer(config, engine, store);
    httpUrl = `http://127.0.0.1:${server.port}`;
    stop = async () => {
      await server.close();
      await engine.close();
      store.close();
    };
  }
  try {
    if (round !== "party") {
      const report = await runSentenceRehearsal({ httpUrl, scenarioId: scenario?.id ?? "cat-on-the-mat", roundType: round, students, seed: Number(values.seed) });
      if (values.json) {
        process.stdout.write(JSON.stringify(report) + "\n");
      } else {
        const tables = report.tables.length;
        process.stdout.write(`${round} round "${report.scenario.title}" on ${report.backend}: ${report.guests.length} students at ${tables} table(s), ${report.modelPlayedWords.length} word(s) played by the model, reveal ${report.timings.revealMs} ms\n`);
        for (const team of report.teams) process.stdout.write(`  team "${team.question}": ${team.score} (${team.memberCount} students)\n`);
        for (const row of report.leaderboard.slice(0, 10)) process.stdout.write(`  ${String(row.rank).padStart(3)}. ${row.name.padEnd(20)} ${row.score}\n`);
      }
      return;
    }
    const report = await runPartyRehearsal({ httpUrl, deck, students, texts, seed: Number(values.seed), isChaos: values.chaos });
    if (values.json) {
      process.stdout.write(JSON.stringify(report) + "\n");
    } else {
      process.stdout.write(`Party ${report.code} on ${report.backend}: ${report.guests.length} guests, reveal ${report.timings.revealMs} ms\n`);
      for (const row of report.leaderboard.slice(0, 10)) process.stdout.write(`  ${String(row.rank).padStart(3)}. ${row.name.padEnd(20)} ${row.score}\n`);
      process.stdout.write(`Attention on matching guests: ${report.attraction.ratio.toFixed(1)}× uniform\n`);
    }
  } finally {
    await stop();
  }
}

main().then(() => process.exit(0)).catch((error) => {
  process.stderr.write(`session: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
