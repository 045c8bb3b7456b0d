// The custom-scenario editor's form for the common case — title, sentence, hints and per head a
// question with "word → target words" lines — turned into the scenario file the server checks
// (shared/scenario.ts), and a file turned back into the form when it fits. Pure functions on
// plain data, unit-tested; the checks that matter (words in the sentence, shares, vocabulary)
// stay on the server, and its problems are mapped back to the form's fields here.
import type { ScenarioProblem } from "../../shared/scenarioCheck.js";

export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type Level = (typeof LEVELS)[number];

export interface HeadDraft {
  question: string;
  /** One link per line: "it → cat", "sat → cat 0.7, mat 0.3", "the#2 -> mat". */
  links: string;
}

export interface ScenarioDraft {
  /** Empty: made from the title. */
  id: string;
  title: string;
  level: Level;
  /** Empty: "A sentence of my own: “…”". */
  summary: string;
  sentence: string;
  /** One hint per line: "it: A pronoun — which word are you?". */
  hints: string;
  heads: HeadDraft[];
}

/** Where a problem is shown in the form: a field, one head's question or links, or the whole file. */
export type DraftField = "id" | "title" | "level" | "summary" | "sentence" | "hints" | "heads" | "file" | `head${number}.question` | `head${number}.links`;

export function emptyDraft(): ScenarioDraft {
  return { id: "", title: "", level: "beginner", summary: "", sentence: "", hints: "", heads: [{ question: "", links: "" }] };
}

/** "The Cat & the Hat!" → "the-cat-the-hat" (the schema's id: lower-case words joined by dashes). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

const ARROW = /\s*(?:→|->|=>|:)\s*/;
const TARGET = /^([^\s,]+?)(?:\s+(\d*\.?\d+)(%?))?$/;

type Targets = string[] | Record<string, number>;

/** The key of one head from its lines, with a problem per line that cannot be read. */
export function parseLinks(text: string, path: string): { key: Record<string, Targets>; problems: ScenarioProblem[] } {
  const key: Record<string, Targets> = {};
  const problems: ScenarioProblem[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `line ${i + 1} (“${line.length > 40 ? `${line.slice(0, 39)}…` : line}”)`;
    const parts = line.split(ARROW);
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      problems.push({ path, message: `${where}: write a word, an arrow and the words it should attend to, e.g. “it → cat”` });
      return;
    }
    const word = parts[0].toLowerCase();
    const targets = parts[1].split(/\s*,\s*/).filter(Boolean).map((t) => TARGET.exec(t.trim()));
    if (targets.some((t) => t === null) || targets.length === 0) {
      problems.push({ path, message: `${where}: separate target words with commas; a share goes after its word (“cat 0.7, mat 0.3”)` });
      return;
    }
    const withShare = targets.filter((t) => t![2] !== undefined);
    if (withShare.length > 0 && withShare.length < targets.length) {
      problems.push({ path, message: `${where}: give every target a share, or none` });
      return;
    }
    if (key[word] !== undefined) {
      problems.push({ path, message: `${where}: “${word}” already has a line in this head; put all its targets on one line` });
      return;
    }
    if (withShare.length === 0) key[word] = targets.map((t) => t![1].toLowerCase());
    else key[word] = Object.fromEntries(targets.map((t) => [t![1].toLowerCase(), Number(t![2]) / (t![3] === "%" ? 100 : 1)]));
  });
  return { key, problems };
}

/** "word: hint" lines → the hints object. */
export function parseHints(text: string): { hints: Record<string, string>; problems: ScenarioProblem[] } {
  const hints: Record<string, string> = {};
  const problems: ScenarioProblem[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = line.indexOf(":");
    if (at <= 0 || !line.slice(at + 1).trim()) {
      problems.push({ path: "hints", message: `line ${i + 1}: write the word, a colon and the hint, e.g. “it: Which word do you stand for?”` });
      return;
    }
    hints[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  });
  return { hints, problems };
}

/** The scenario file the form describes, and what the form itself could not read. */
export function draftToFile(draft: ScenarioDraft): { file: Record<string, unknown>; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const hints = parseHints(draft.hints);
  problems.push(...hints.problems);
  const heads = draft.heads.map((head, h) => {
    const parsed = parseLinks(head.links, `heads[${h}].key`);
    problems.push(...parsed.problems);
    return { question: head.question.trim(), key: parsed.key };
  });
  const sentence = draft.sentence.replace(/\s+/g, " ").trim();
  const title = draft.title.trim();
  const file: Record<string, unknown> = {
    id: draft.id.trim() || slugify(title),
    title,
    level: draft.level,
    kind: "sentence",
    summary: draft.summary.trim() || (sentence ? `A sentence of my own: “${sentence}”` : ""),
    sentence,
    hints: hints.hints,
    heads,
  };
  return { file, problems };
}

/** The file as the JSON tab shows it: two-space indents, each word's targets on one line. */
export function formatFile(file: unknown): string {
  return JSON.stringify(file, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_m, inner: string) => `[${inner.replace(/\s*\n\s*/g, " ")}]`);
}

function targetsToText(targets: unknown): string | null {
  if (Array.isArray(targets) && targets.every((t) => typeof t === "string")) return targets.join(", ");
  if (typeof targets === "object" && targets !== null && !Array.isArray(targets)) {
    const entries = Object.entries(targets as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === "number")) return entries.map(([w, v]) => `${w} ${v as number}`).join(", ");
  }
  return null;
}

/** The form for a file, or null when the file says more than the form can show (a party scenario, odd shapes). */
export function fileToDraft(raw: unknown): ScenarioDraft | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const f = raw as Record<string, unknown>;
  if (f.kind !== "sentence") return null;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const level = LEVELS.includes(f.level as Level) ? (f.level as Level) : "beginner";
  const hintsObj = f.hints ?? {};
  if (typeof hintsObj !== "object" || hintsObj === null || Array.isArray(hintsObj)) return null;
  const hintLines = Object.entries(hintsObj as Record<string, unknown>).map(([w, v]) => (typeof v === "string" ? `${w}: ${v}` : null));
  if (hintLines.includes(null)) return null;
  if (!Array.isArray(f.heads)) return null;
  const heads: HeadDraft[] = [];
  for (const head of f.heads as unknown[]) {
    if (typeof head !== "object" || head === null) return null;
    const { question, key } = head as { question?: unknown; key?: unknown };
    if (typeof key !== "object" || key === null || Array.isArray(key)) return null;
    const lines = Object.entries(key as Record<string, unknown>).map(([w, t]) => {
      const text = targetsToText(t);
      return text === null ? null : `${w} → ${text}`;
    });
    if (lines.includes(null)) return null;
    heads.push({ question: str(question), links: lines.join("\n") });
  }
  const known = new Set(["$schema", "id", "title", "level", "kind", "summary", "sentence", "hints", "heads"]);
  if (Object.keys(f).some((k) => !known.has(k))) return null;
  return {
    id: str(f.id),
    title: str(f.title),
    level,
    summary: str(f.summary),
    sentence: str(f.sentence),
    hints: (hintLines as string[]).join("\n"),
    heads: heads.length > 0 ? heads : [{ question: "", links: "" }],
  };
}

/** The form field a checker problem belongs to ("heads[1].key.it" → head 1's links). */
export function fieldOfProblem(path: string): DraftField {
  const head = /^heads\[(\d+)\](?:\.(question|key))?/.exec(path);
  if (head) {
    if (head[2] === "question") return `head${Number(head[1])}.question`;
    if (head[2] === "key") return `head${Number(head[1])}.links`;
    return "heads";
  }
  const top = /^([a-z$]+)/i.exec(path)?.[1] ?? "";
  if (top === "heads") return "heads";
  if (["id", "title", "level", "summary", "sentence", "hints"].includes(top)) return top as DraftField;
  return "file";
}
