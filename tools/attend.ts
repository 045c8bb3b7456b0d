// Prints the attention of the trained or untrained model on one sentence, every head.
//   npx tsx tools/attend.ts --model trained|untrained --sentence "TEXT" [--json] [--checkpoint PATH]
// --json: {tokens, heads: [{question, weights}], unknownWords} with weights tokens × tokens.
// Otherwise: for each head, each word's most attended word. Bad input: message on stderr, exit 1.
import { initComputeBackend } from "../server/engine/computeBackend.js";
import { DEFAULT_CHECKPOINT_PATH, loadCheckpoint } from "../server/model/checkpoint.js";
import { attendSentence, untrainedModel, type SentenceAttention } from "../server/model/modelInference.js";
import { SentenceError, loadWordLookup } from "../server/model/wordVectors.js";

const USAGE = 'usage: npx tsx tools/attend.ts --model trained|untrained --sentence "TEXT" [--json] [--checkpoint PATH]';

class UsageError extends Error {}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
  return value;
}

/** One line per head and word: "word → most attended word (weight)". */
function formatText(result: SentenceAttention): string {
  const lines: string[] = [];
  result.heads.forEach((head, h) => {
    lines.push(`head ${h + 1}: ${head.question}`);
    head.weights.forEach((row, i) => {
      const best = row.indexOf(Math.max(...row));
      lines.push(`  ${result.tokens[i].padEnd(14)} → ${result.tokens[best].padEnd(14)} ${row[best].toFixed(2)}`);
    });
  });
  return lines.join("\n");
}

async function main(): Promise<void> {
  const modelName = argValue("--model");
  const sentence = argValue("--sentence");
  if (modelName !== "trained" && modelName !== "untrained") throw new UsageError("--model must be trained or untrained");
  if (sentence === undefined) throw new UsageError("--sentence is required");
  const checkpointPath = argValue("--checkpoint") ?? DEFAULT_CHECKPOINT_PATH;
  const lookup = loadWordLookup();
  const model = modelName === "trained" ? loadCheckpoint(checkpointPath).weights : untrainedModel();
  await initComputeBackend();
  const result = attendSentence(model, lookup, sentence);
  if (result.unknownWords.length) console.error(`attend: unknown words left out: ${result.unknownWords.join(", ")}`);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ tokens: result.tokens, heads: result.heads, unknownWords: result.unknownWords }));
  } else {
    console.log(formatText(result));
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof SentenceError) console.error(`attend: ${error.message}`);
  else console.error(`attend: ${error instanceof Error ? error.message : String(error)}`);
  // Exit explicitly: the wasm backend installs process handlers that would print its whole source.
  process.exit(1);
});
