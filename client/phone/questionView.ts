// The phone's prediction question in model and course rounds: the sentence with the asked word
// highlighted, the question in plain words, and — once the instructor opens it — one big button
// per choice word with the countdown. The class predicts what a trained model does (teaching
// point 3: the model learned the recipe, so its attention goes to the right places).
import type { ModelSentencePayload } from "../../shared/modelRound.js";
import { el, replaceChildren, setText, show } from "../lib/dom.js";
import { showCountdown } from "./countdown.js";
import { sentenceSegments } from "./sentenceSegments.js";

/** brief: read the question · open: answers accepted · closed: time is up · watching: joined too late. */
export type QuestionMode = "brief" | "open" | "closed" | "watching";

/** The question about `word` in the round's words ("which word will “she” pay attention to?"). */
export function questionLine(payload: ModelSentencePayload): string {
  const lead = payload.roundType === "course" ? "After the training course" : "When the trained model reads this sentence";
  return `${lead}, which word will “${payload.question.word}” pay attention to?`;
}

/** The sentence as typed, with the asked word (and the student's pick) marked. */
export function sentenceView(payload: { sentence: string; tokens: readonly string[] }, asked: number, picked: number | null, answer: number | null = null): HTMLElement {
  const root = el("p", { class: "model-sentence" });
  for (const part of sentenceSegments(payload.sentence, payload.tokens)) {
    const classes = [
      part.tokenIndex === asked ? "is-asked" : "",
      part.tokenIndex !== null && part.tokenIndex === picked ? "is-picked" : "",
      part.tokenIndex !== null && part.tokenIndex === answer ? "is-answer" : "",
      part.isUnknown ? "is-unknown" : "",
    ].filter(Boolean);
    if (classes.length === 0) root.append(part.text);
    else root.append(el(part.tokenIndex === asked ? "mark" : "span", { class: classes.join(" "), text: part.text }));
  }
  return root;
}

export class QuestionView {
  readonly root: HTMLElement;
  private readonly title = el("h1");
  private readonly timer = el("p", { class: "timer", attrs: { role: "timer", "aria-live": "off" } });
  private readonly sentenceBox = el("div", { class: "sentence-box" });
  private readonly question = el("p", { class: "question-line" });
  private readonly head = el("p", { class: "head-question" });
  private readonly unknown = el("p", { class: "muted small" });
  private readonly note = el("p", { class: "muted" });
  private readonly choices = el("div", { class: "choice-grid", attrs: { role: "group", "aria-label": "Choose a word" } });
  private readonly pickNote = el("p", { class: "pick-note", attrs: { role: "status" } });
  private readonly error = el("p", { class: "form-error", attrs: { role: "alert" } });
  /** The instructor stopped the clock: answers are still taken. */
  private readonly pauseNote = el("p", { class: "pause-note", attrs: { role: "status" } });
  private isPaused = false;
  private payload: ModelSentencePayload | null = null;
  /** The pick the room acknowledged (`predicted`). */
  private picked: number | null = null;
  /** A pick sent but not yet acknowledged. */
  private sending: number | null = null;
  private mode: QuestionMode = "brief";
  private signature = "";

  constructor(private readonly onPick: (choice: number) => boolean) {
    this.root = el(
      "section",
      { class: "view view-question" },
      el("div", { class: "write-head" }, this.title, this.timer),
      this.pauseNote,
      el(
        "section",
        { class: "card question-card" },
        this.sentenceBox,
        this.question,
        this.head,
        this.unknown,
      ),
      this.note,
      this.choices,
      this.pickNote,
      this.error,
    );
  }

  /** A new round: no question, no pick. */
  reset(): void {
    this.payload = null;
    this.picked = null;
    this.sending = null;
    setText(this.error, "");
    this.render();
  }

  setQuestion(payload: ModelSentencePayload): void {
    if (this.payload && this.payload.roundNumber !== payload.roundNumber) this.reset();
    this.payload = payload;
    this.render();
  }

  /** The room stored this pick. */
  setPicked(choice: number): void {
    this.picked = choice;
    if (this.sending === choice) this.sending = null;
    setText(this.error, "");
    this.render();
  }

  get pick(): number | null {
    return this.picked;
  }

  setMode(mode: QuestionMode): void {
    this.mode = mode;
    this.render();
  }

  /** The countdown; while the instructor has paused it (no end time then) it reads "Paused". */
  setTimer(secondsLeft: number | null, isPaused = this.isPaused): void {
    showCountdown(this.timer, secondsLeft, isPaused);
  }

  /** The instructor paused the answer clock (answers are still accepted meanwhile). */
  setPaused(isPaused: boolean): void {
    if (isPaused === this.isPaused) return;
    this.isPaused = isPaused;
    if (isPaused) this.setTimer(null); // at once, not at the next tick
    this.render();
  }

  showError(message: string): void {
    this.sending = null;
    setText(this.error, message);
    this.render();
  }

  private choose(choice: number): void {
    if (this.mode !== "open" || choice === this.picked) return;
    setText(this.error, "");
    if (!this.onPick(choice)) {
      setText(this.error, "You're offline — tap again in a moment.");
      return;
    }
    this.sending = choice;
    this.render();
  }

  private render(): void {
    const p = this.payload;
    const isOpen = this.mode === "open";
    setText(this.title, this.mode === "brief" ? "Predict the model" : "Your prediction");
    show(this.timer, isOpen);
    const isPaused = isOpen && this.isPaused;
    show(this.pauseNote, isPaused);
    setText(this.pauseNote, isPaused ? "Paused by the instructor — the clock has stopped. You can still tap a word, or change your pick." : "");
    if (!p) {
      replaceChildren(this.sentenceBox, el("p", { class: "muted", text: "The sentence is on its way…" }));
      setText(this.question, "");
      setText(this.head, "");
      setText(this.unknown, "");
      setText(this.note, "");
      replaceChildren(this.choices);
      setText(this.pickNote, "");
      return;
    }
    const shownPick = this.sending ?? this.picked;
    // Rebuild the sentence and the buttons only when what they show changed (a patch every 50 ms).
    const signature = JSON.stringify([p.roundNumber, p.sentence, this.mode, shownPick, this.sending]);
    if (signature !== this.signature) {
      this.signature = signature;
      replaceChildren(this.sentenceBox, sentenceView(p, p.question.wordIndex, shownPick));
      replaceChildren(this.choices, ...(isOpen || this.mode === "closed" ? p.question.choices.map((c) => this.choiceButton(p, c)) : []));
    }
    setText(this.question, questionLine(p));
    setText(this.head, `Head ${p.question.head + 1} asks: ${p.question.headQuestion}`);
    setText(this.unknown, p.unknownWords.length > 0 ? `The model doesn't know ${p.unknownWords.map((w) => `“${w}”`).join(", ")} — left out.` : "");
    show(this.unknown, p.unknownWords.length > 0);
    const isCourse = p.roundType === "course";
    setText(this.note, this.noteText(isCourse));
    const word = (i: number) => `“${p.tokens[i]}”`;
    let pickText = "";
    if (this.sending !== null) pickText = `Sending ${word(this.sending)}…`;
    else if (this.picked !== null && isOpen) pickText = `✓ Your pick: ${word(this.picked)} — you can change your mind until time is up.`;
    else if (this.picked !== null) pickText = `Your pick: ${word(this.picked)}. Waiting for the reveal…`;
    else if (this.mode === "closed") pickText = "Time's up — no pick this round. Watch the big screen for the answer.";
    setText(this.pickNote, pickText);
    this.pickNote.classList.toggle("is-saved", this.picked !== null && this.sending === null);
  }

  private noteText(isCourse: boolean): string {
    switch (this.mode) {
      case "brief":
        return isCourse
          ? "This model starts untrained: its attention is random. After your prediction it trains live on the big screen. The choices open in a moment."
          : "A real attention layer with four heads reads this sentence. Each head asks its own question. The choices open in a moment.";
      case "open":
        return "Tap a word. A right pick earns 100 points, and the faster you are, the bigger the bonus.";
      case "closed":
        return "Answers are closed.";
      case "watching":
        return "You joined during this round — watch the big screen; you'll play the next one.";
    }
  }

  private choiceButton(p: ModelSentencePayload, choice: number): HTMLButtonElement {
    const isPicked = choice === (this.sending ?? this.picked);
    const button = el("button", {
      class: `choice-btn${isPicked ? " is-picked" : ""}${isPicked && this.sending !== null ? " is-sending" : ""}`,
      text: p.tokens[choice],
      attrs: { type: "button", "aria-pressed": String(isPicked), "data-choice": choice, disabled: this.mode !== "open" },
    });
    button.addEventListener("click", () => this.choose(choice));
    return button;
  }
}
