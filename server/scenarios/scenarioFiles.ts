// Scenario files on disk: each refused by size before it is read, then checked like any pasted
// scenario plus the server's checks; a set of files also may not share an id.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Scenario } from "../../shared/scenario.js";
import { SCENARIO_LIMITS } from "../../shared/scenario.js";
import { checkScenarioText, tooLargeMessage, type ScenarioProblem } from "../../shared/scenarioCheck.js";
import { serverProblems, type ServerCheckOptions } from "./scenarioServerChecks.js";

export interface FileCheck {
  file: string;
  scenario: Scenario | null;
  problems: ScenarioProblem[];
}

export interface FileCheckOptions extends ServerCheckOptions {
  /** Ids already taken, with the file that owns each (the built-in pack); a file may reuse only its own. */
  takenIds?: ReadonlyMap<string, string>;
  /** Built-in files are named after their id, so a copied file with a stale id is caught. */
  requireIdMatchesFileName?: boolean;
}

/** A file as the person running the check typed or sees it. */
const shown = (file: string) => path.relative(process.cwd(), file) || file;

function readProblem(file: string): ScenarioProblem | null {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { path: "", message: "not a file" };
    size = stat.size;
  } catch (error) {
    return { path: "", message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return size > SCENARIO_LIMITS.maxBytes ? { path: "", message: tooLargeMessage(size) } : null;
}

export function checkScenarioFile(file: string, options: FileCheckOptions): FileCheck {
  const problem = readProblem(file);
  if (problem) return { file, scenario: null, problems: [problem] };
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const check = checkScenarioText(text);
  const { parts } = check;
  const problems = [...check.problems, ...serverProblems(parts, options)];
  const owner = parts.id === null ? undefined : options.takenIds?.get(parts.id);
  if (owner !== undefined && path.resolve(owner) !== path.resolve(file)) {
    problems.push({ path: "id", message: `"${parts.id}" is already the id of ${shown(owner)}` });
  }
  if (parts.id !== null && options.requireIdMatchesFileName && path.basename(file) !== `${parts.id}.json`) {
    problems.push({ path: "id", message: `"${parts.id}" does not match the file name; name the file ${parts.id}.json` });
  }
  return { file, scenario: problems.length ? null : check.scenario, problems };
}

/** Every file checked on its own, then ids compared across them: the later file of a pair gets the problem. */
export function checkScenarioFiles(files: readonly string[], options: FileCheckOptions): FileCheck[] {
  const firstFileOf = new Map<string, string>();
  return files.map((file) => {
    const check = checkScenarioFile(file, options);
    const id = check.scenario?.id;
    if (id === undefined) return check;
    const first = firstFileOf.get(id);
    if (first === undefined) {
      firstFileOf.set(id, file);
      return check;
    }
    return { file, scenario: null, problems: [{ path: "id", message: `"${id}" is also the id of ${shown(first)}` }] };
  });
}
