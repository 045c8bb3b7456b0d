// Prints the blocks walk-through of one sentence: three blocks of attention (the trained model,
// plus the untrained topic head unless --trained-only) then fact recall, each word's meaning
// after every step.
//   npm run --silent blocks -- --sentence "TEXT" [--json] [--trained-only] [--checkpoint PATH] [--facts DIR]
// --json: the BlocksPayload of shared/blocks.ts on one line. Otherwise a table per step.
// Bad input: message on stderr, exit 1. Unknown words among known ones: listed on stderr, left out.
import { factLabel } from "../server/blocks/blockCaptions.js";
import { DEFAULT_BLOCKS_CONFIG, loadBlocksResources, walkBlocks } from "../server/blocks/walkBlocks.js";
import { SentenceError } from "../server/model/wordVectors.js";
import type { BlockStep, BlocksPayload } from "../shared/blocks.js";

const USAGE = 'usage: npm run --silent blocks -- --sentence "TEXT" [--json] [--trained-only] [--checkpoint PATH] [--facts DIR]';

class UsageError extends Error {}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
  return value;
}

const percent = (w: number) => `${Math.round(w * 100)}%`;

/** What a word did in this step: its links (attention) or its recalled facts (feed-forward). */
function stepDetail(payload: BlocksPayload, step: BlockStep, i: number): string {
  if (step.attention) {
    const { links, sink } = step.attention[i];
    const heard = links.map((l) => `${payload.words[l.to]} ${percent(l.weight)} (h${l.head + 1})`);
    return heard.length ? heard.join(", ") : `— (${percent(sink)} on <s>)`;
  }
  if (step.recalls) {
    const { facts, none } = step.recalls[i];
    const recalled = facts.map((r) => `[${factLabel(payload.facts[r.fact])}] ${percent(r.weight)}`);
    return recalled.length ? recalled.join(", ") : `— (${percent(none)} nothing)`;
  }
  return "";
}

function formatText(payload: BlocksPayload): string {
  const width = Math.max(6, ...payload.words.map((w) => w.length)) + 2;
  const lines = [`heads: ${payload.heads.map((h, i) => `h${i + 1} ${h.question}${h.isTrained ? "" : " (not trained)"}`).join(" · ")}`];
  lines.push(`facts: ${payload.facts.length} of ${payload.factCount} recalled at least once`);
  for (const step of payload.steps) {
    lines.push("", `== ${step.title}`, `   ${step.caption}`);
    payload.words.forEach((word, i) => {
      const meaning = step.meanings[i];
      const near = meaning.nearest.join(", ").padEnd(44);
      lines.push(`   ${word.padEnd(width)} ${meaning.similarityToStart.toFixed(2)}  ${near} ${stepDetail(payload, step, i)}`);
    });
  }
  lines.push("", "columns: word · cosine to its own start vector · nearest words now · what it heard or recalled in this step");
  return lines.join("\n");
}

function main(): void {
  const sentence = argValue("--sentence");
  if (sentence === undefined) throw new UsageError("--sentence is required");
  const resources = loadBlocksResources({ checkpointPath: argValue("--checkpoint"), factsDir: argValue("--facts") });
  const isTrainedOnly = process.argv.includes("--trained-only");
  const config = { ...DEFAULT_BLOCKS_CONFIG, topicHead: { ...DEFAULT_BLOCKS_CONFIG.topicHead, isEnabled: !isTrainedOnly } };
  const payload = walkBlocks(resources, sentence, config);
  if (payload.unknownWords.length) console.error(`blocks: unknown words left out: ${payload.unknownWords.join(", ")}`);
  console.log(process.argv.includes("--json") ? JSON.stringify(payload) : formatText(payload));
}

try {
  main();
} catch (error: unknown) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof SentenceError) console.error(`blocks: ${error.message}`);
  else console.error(`blocks: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
