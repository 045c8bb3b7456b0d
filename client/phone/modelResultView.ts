// The phone after a model or course round's reveal: while the course trains, its progress (it
// starts from random weights and sharpens step by step); then the student's result — right or
// not, points and why, and the trained model's pick next to the untrained model's, with weights.
// Teaching point 3: same layer, same words; only the learned recipe makes attention land right.
import type { PredictionResultPayload } from "../../shared/modelRound.js";
import { el, percent, rankChange, replaceChildren, setText } from "../lib/dom.js";
import { sentenceView } from "./questionView.js";
import { pointsText } from "../lib/points.js";

export interface CourseNumbers {
  step: number;
  totalSteps: number;
  /** Share of the sentence's links the model gets right now, in [0, 1]. */
  accuracy: number;
}

/** "step 120 / 400 · gets 85 % of the links right". */
export function courseLine(course: CourseNumbers): string {
  return `step ${course.step} / ${course.totalSteps} · gets ${Math.round(course.accuracy * 100)} % of the links right`;
}

function modelRow(label: string, cls: string, word: string, weight: number, note: string): HTMLElement {
  const fill = el("span", { class: "bar-fill" });
  fill.style.width = `${Math.max(2, Math.round(weight * 100))}%`;
  return el(
    "li",
    { class: `model-row ${cls}` },
    el("div", { class: "attn-head" }, el("span", { class: "attn-name", text: label }), el("span", { class: "attn-pct", text: percent(weight) })),
    el("p", { class: "model-pick" }, "→ ", el("strong", { text: word }), el("span", { class: "muted small", text: ` ${note}` })),
    el("span", { class: "bar", attrs: { role: "img", "aria-label": `${label}: ${percent(weight)} of the attention on “${word}”` } }, fill),
  );
}

export class ModelResultView {
  readonly root: HTMLElement;
  private readonly body = el("div", { class: "result-body" });
  private shown: PredictionResultPayload | string | null = null;
  /** The course numbers under the shown result: the last state patch may land after the result. */
  private shownCourse = "";
  private readonly training = {
    line: el("p", { class: "course-line" }),
    fill: el("span", { class: "progress-fill" }),
    bar: el("div", { class: "progress", attrs: { role: "progressbar", "aria-valuemin": 0, "aria-label": "Training progress" } }),
    pick: el("p", { class: "pick-note" }),
  };

  constructor() {
    this.training.bar.append(this.training.fill);
    this.root = el("section", { class: "view view-model-result", attrs: { "aria-live": "polite" } }, this.body);
  }

  /** Model round: the reveal started and the result is on its way (or the student did not play). */
  showPending(isPlaying: boolean): void {
    const kind = isPlaying ? "pending" : "watching";
    if (this.shown === kind) return;
    this.shown = kind;
    replaceChildren(
      this.body,
      el(
        "div",
        { class: "card center" },
        el("div", { class: "glass", attrs: { "aria-hidden": "true" } }),
        el("h1", { text: isPlaying ? "The reveal!" : "Watch the big screen" }),
        el("p", { class: "muted", text: isPlaying ? "Both models are reading the sentence. Your result is coming…" : "You joined during this round — you'll play the next one." }),
      ),
    );
  }

  /** Course round: training runs; `pickWord` is the student's pick (null: none). */
  showTraining(course: CourseNumbers, pickWord: string | null): void {
    if (this.shown !== "training") {
      this.shown = "training";
      replaceChildren(
        this.body,
        el(
          "section",
          { class: "card course-card" },
          el("h1", { text: "The model is training" }),
          this.training.bar,
          this.training.line,
          el("p", { class: "muted", text: "It started from random weights: attention everywhere, nothing made sense. Each step nudges the weights towards the right links — watch the lines sharpen on the big screen." }),
        ),
        el("section", { class: "card" }, this.training.pick),
      );
    }
    const share = course.totalSteps > 0 ? Math.min(1, course.step / course.totalSteps) : 0;
    this.training.fill.style.width = `${Math.round(share * 100)}%`;
    this.training.bar.setAttribute("aria-valuemax", String(course.totalSteps));
    this.training.bar.setAttribute("aria-valuenow", String(course.step));
    setText(this.training.line, course.totalSteps > 0 ? courseLine(course) : "Getting the training ready…");
    setText(this.training.pick, pickWord ? `Your pick: “${pickWord}”. Your points arrive when the training ends.` : "You didn't pick a word this round — watch how the model learns.");
  }

  /** `sentence`: the round's sentence as typed (else the model's words are shown). */
  show(result: PredictionResultPayload, isCourse: boolean, course: CourseNumbers | null, sentence: string | null): void {
    const courseKey = JSON.stringify(course);
    if (this.shown === result && this.shownCourse === courseKey) return;
    this.shown = result;
    this.shownCourse = courseKey;
    const { question, tokens } = result;
    const word = (i: number) => tokens[i] ?? "?";
    const verdict = result.choice === null ? "No pick this time" : result.isCorrect ? "✓ Right!" : "✗ Not this time";
    const change = rankChange(result.rank, result.previousRank);
    const points = el(
      "section",
      { class: `card points-card verdict-${result.choice === null ? "none" : result.isCorrect ? "right" : "wrong"}` },
      el("p", { class: "verdict", text: verdict }),
      el("p", { class: "points", text: `+${Math.round(result.points)}` }),
      el("p", { class: "points-label", text: "points this round" }),
      el("p", { class: "reason", text: result.pointsReason }),
      el(
        "p",
        { class: "rank-line" },
        el("span", { class: "rank", text: `#${result.rank}` }),
        el("span", { class: `trend trend-${change.trend}`, text: change.inline, attrs: { "aria-label": change.label } }),
        el("span", { class: "muted", text: ` · ${pointsText(result.totalScore)} in total` }),
      ),
    );
    const trainedLabel = isCourse ? "After the course" : "Trained model";
    const models = el(
      "section",
      { class: "card result-section" },
      el("h2", { text: `Where “${question.word}” looked` }),
      sentenceView({ sentence: sentence ?? tokens.slice(1).join(" "), tokens }, question.wordIndex, result.choice, result.trainedAnswer),
      el("p", { class: "muted small", text: `Head ${question.head + 1}: ${question.headQuestion}` }),
      el(
        "ol",
        { class: "attn-list" },
        modelRow(trainedLabel, "is-trained", word(result.trainedAnswer), result.trainedWeight, isCourse ? "— what it learned in the course" : "— attention goes to the right place"),
        modelRow("Untrained model", "is-untrained", word(result.untrainedAnswer), result.untrainedWeight, result.untrainedWeight < 0.4 ? "— random weights: attention spread everywhere" : "— random weights: it lands anywhere"),
      ),
      el(
        "p",
        { class: "your-pick" },
        "Your pick: ",
        result.choice === null ? el("span", { class: "muted", text: "none" }) : el("strong", { text: `“${word(result.choice)}”` }),
        result.choice === null ? null : el("span", { class: result.isCorrect ? "pick-right" : "pick-wrong", text: result.isCorrect ? " ✓" : " ✗" }),
      ),
    );
    const lesson = el(
      "section",
      { class: "card lesson" },
      el("h2", { text: "Same words, different recipe" }),
      el("p", { class: "muted small", text: "Both models have the same layer and read the same words. The untrained one has random weights; the trained one learned a recipe for finding the right word — not the answers to this sentence." }),
      isCourse && course && course.totalSteps > 0
        ? el("p", { class: "course-line", text: `${course.step < course.totalSteps ? "Training stopped early" : "Training finished"}: ${courseLine(course)}.` })
        : null,
    );
    replaceChildren(this.body, points, models, lesson);
  }
}
