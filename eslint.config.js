// Lint rules for the whole repo: typescript-eslint's recommended set plus a few habits we
// hold ourselves to (no floating promises would need type info; kept cheap on purpose).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  // Scratch files (git-ignored) are not part of the project.
  { ignores: ["dist/", "node_modules/", "test-results/", "assets/cache/", "coverage/", "data/", ".scratch/", "_exp*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    // protocol.ts builds zod schemas when imported (~13 KB gzipped): pages take message names
    // from shared/messages.ts and only types from protocol.ts (erased at build).
    files: ["client/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/shared/protocol.js", "**/shared/protocol"],
              allowTypeImports: true,
              message: "Import message names from shared/messages.js; only `import type` from protocol.js in client code.",
            },
          ],
        },
      ],
    },
  },
);
