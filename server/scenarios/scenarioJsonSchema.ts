// The JSON Schema editors use to complete and check scenario files (assets/scenarios/
// scenario.schema.json), generated from the zod schema so the two cannot drift; a test compares
// the committed file with a fresh generation. It covers the structure; which words a key may name
// is checked by `npm run scenarios -- --validate`. zod-to-json-schema is a devDependency: only the
// CLI and the tests import this module, never the server.
import { zodToJsonSchema } from "zod-to-json-schema";
import { ScenarioFileSchema } from "../../shared/scenario.js";

export function scenarioJsonSchemaText(): string {
  const schema = zodToJsonSchema(ScenarioFileSchema, {
    name: "Scenario",
    // Inline repeated parts: editors show a property's description where it is used.
    $refStrategy: "none",
  });
  const titled = {
    title: "Cocktail Party scenario",
    description: "A sentence with answer keys per head (sentence and heads rounds) or a need/offer deck (party round).",
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
