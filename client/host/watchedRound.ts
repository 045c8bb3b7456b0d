// Pure helpers for the dashboard in model and course rounds ("watched" rounds: the class predicts
// what a model does instead of writing): the phase buttons' words, the head selector's options,
// the course's progress line, the class's votes and the trained model's links, unit-tested
// without a browser.
import type { CourseProgressPayload, ModelAttentionPayload, SentencePattern } from "../../shared/modelRound.js";
import { isWatchedRound } from "../../shared/rounds.js";

export interface PhaseWords {
  /** Stepper labels. */
  writeStep: string;
  revealStep: string;
  /** Buttons. */
  write: string;
  endWrite: string;
  reveal: string;
  /** "3/5 submitted" or "3/5 answered". */
  done: string;
}

/** What the phase stepper and buttons say in a round of this type. */
export function phaseWords(roundType: string): PhaseWords {
  if (roundType === "blocks") {
    // The walk-through starts at its first step (phase "reveal"): nothing is written or predicted.
    return { writeStep: "Write", revealStep: "Steps", write: "Start writing", endWrite: "End writing", reveal: "Reveal", done: "submitted" };
  }
  if (!isWatchedRound(roundType)) {
    return { writeStep: "Write", revealStep: "Reveal", write: "Start writing", endWrite: "End writing", reveal: "Reveal attention", done: "submitted" };
  }
  return {
    writeStep: "Predict",
    revealStep: roundType === "course" ? "Training" : "Reveal",
    write: "Open the question",
    endWrite: "Close answers",
    reveal: roundType === "course" ? "Run the training course" : "Reveal",
    done: "answered",
  };
}

/** The model's four questions, in head order (the worker sends them with every pattern too). */
export const HEAD_QUESTIONS = ["Who did the action?", "Where did it happen?", "Positive or negative?", "Which earlier word is this about?"];

const SHORT_QUESTIONS: Record<string, string> = {
  "Who did the action?": "who",
  "Where did it happen?": "where",
  "Positive or negative?": "+ / −",
  "Which earlier word is this about?": "about",
};

/** A column header for a head ("Where did it happen?" → "where"); another question: its first two words. */
export function shortQuestion(question: string): string {
  return SHORT_QUESTIONS[question] ?? question.replace(/\?$/, "").split(/\s+/).slice(0, 2).join(" ").toLowerCase();
}

export interface HeadOption {
  head: number | null;
  label: string;
  title: string;
}

/** "All heads", then "1 Who did the action?"… — from the pattern's own questions when known. */
export function headOptions(questions: readonly string[] = HEAD_QUESTIONS): HeadOption[] {
  return [
    { head: null, label: "All heads", title: "Every head at once, each in its colour" },
    ...questions.map((q, i) => ({ head: i, label: `${i + 1} ${q}`, title: `Head ${i + 1} only: ${q}` })),
  ];
}

/** Token index with the largest weight in a row, and the weight. */
export function heaviest(row: readonly number[]): { index: number; weight: number } {
  let index = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[index]) index = j;
  return { index, weight: row[index] ?? 0 };
}

/** The class's picks, most popular first, with "no pick" for the rest of `players`. */
export function voteLine(attention: Pick<ModelAttentionPayload, "votes">, tokens: readonly string[], players: number): string {
  const counts = Object.entries(attention.votes)
    .map(([index, count]) => ({ word: tokens[Number(index)] ?? "?", count }))
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
  const picked = counts.reduce((sum, v) => sum + v.count, 0);
  const parts = counts.map((v) => `${v.word} ${v.count}`);
  if (players > picked) parts.push(`no pick ${players - picked}`);
  return parts.length > 0 ? parts.join(" · ") : "nobody picked";
}

export interface LinkCell {
  target: string;
  weight: number;
  /** The word attends to "<s>": no link for this head (the attention sink). */
  isSink: boolean;
}

/** For every word (not "<s>"): each head's heaviest target in `pattern`. Rows in sentence order. */
export function linkTable(pattern: SentencePattern): Array<{ word: string; cells: LinkCell[] }> {
  return pattern.tokens.slice(1).map((word, k) => ({
    word,
    cells: pattern.heads.map((head) => {
      const { index, weight } = heaviest(head.weights[k + 1] ?? []);
      return { target: pattern.tokens[index] ?? "?", weight, isSink: index === 0 };
    }),
  }));
}

export interface CourseStatus {
  isTraining: boolean;
  /** Progress in [0, 1]. */
  share: number;
  line: string;
}

/** The course's state in words for the dashboard ("step 120 / 400 · 85 % of the links right · loss 0.61 · 4.2 s"). */
export function courseStatus(progress: CourseProgressPayload | null): CourseStatus {
  if (!progress) return { isTraining: true, share: 0, line: "Starting from random weights…" };
  const share = progress.totalSteps > 0 ? Math.min(1, progress.step / progress.totalSteps) : 0;
  const loss = progress.losses[progress.losses.length - 1]?.[1];
  const parts = [
    `step ${progress.step} / ${progress.totalSteps}`,
    `${Math.round(progress.accuracy * 100)} % of the links right`,
    loss === undefined ? "" : `loss ${loss.toFixed(2)}`,
    `${(progress.elapsedMs / 1000).toFixed(1)} s`,
  ].filter(Boolean);
  const prefix = !progress.isFinished ? "" : progress.step < progress.totalSteps ? "Stopped early: " : "Finished: ";
  return { isTraining: !progress.isFinished, share, line: prefix + parts.join(" · ") };
}
