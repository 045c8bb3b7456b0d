// Dashboard: the round queue inside the round panel. The instructor plans the session as a
// list of rounds — a cocktail party (deck from GET /api/decks), "Be a sentence" and "Heads teams"
// (a scenario, built-in or the party's own, with "Write a scenario…" beside the picker),
// "Untrained vs trained" (a sentence), the training course (sentence and steps) or the blocks
// walk-through (a sentence), each with its time — adds, removes and
// reorders them; the first is marked "Next" and is what "Start round" / "Next round" starts. With
// nothing queued, "Start round" starts the round the form describes. The list is kept per party
// in localStorage (roundQueue.ts), so a reload keeps the plan. The server's verdict on a sentence
// (unknown words, no clear link, too long) is shown right under the sentence box. Training steps
// and the time show their limits; a value outside them is named under the row and nothing starts
// or is queued until it is fixed (never quietly sent as the nearest limit).
import { ROUND_TITLES } from "../../shared/rounds.js";
import { el, replaceChildren, setText } from "../lib/dom.js";
import { checkModelSentence } from "./sentenceCheckApi.js";
import {
  addRound,
  clampSeconds,
  COURSE_STEP_LIMITS,
  DEFAULT_BLOCKS_SENTENCE,
  DEFAULT_COURSE_STEPS,
  DEFAULT_SCENARIO_ID,
  DEFAULT_SENTENCE,
  DEFAULT_WRITE_SECONDS,
  deckTitle,
  emptyQueue,
  formatMinutes,
  loadQueue,
  MAX_COURSE_STEPS,
  MAX_QUEUED,
  MAX_SENTENCE_CHARS,
  MAX_WRITE_SECONDS,
  MIN_COURSE_STEPS,
  MIN_WRITE_SECONDS,
  moveRound,
  numberFieldProblem,
  planFromForm,
  planSummary,
  PLANNED_ROUND_TYPES,
  removeRound,
  saveQueue,
  scenarioTitle,
  sentenceScenarioOptions,
  type DeckSummary,
  type ListedScenario,
  type PlannedRoundType,
  type RoundPlan,
  type RoundQueue,
  WRITE_SECONDS_LIMITS,
} from "./roundQueue.js";

/** The short type tag on a queue row. */
const TYPE_TAGS: Record<PlannedRoundType, string> = { party: "Party", sentence: "Sentence", heads: "Heads", model: "Model", course: "Course", blocks: "Blocks" };

/** What the sentence box is for, per round type that has one. */
const SENTENCE_LABELS: Partial<Record<PlannedRoundType, string>> = {
  model: "Sentence the models read",
  course: "Sentence the models read",
  blocks: "Sentence for the walk-through (three blocks: meeting room, then archives)",
};

/** How the sentence message reads: the server refused it, warned about it, or is checking it. */
export type SentenceNoteKind = "error" | "warning" | "busy" | "ok";

/** aria-invalid="true" (what the red outline in base.css and screen readers look for), or none. */
function markInvalid(input: HTMLElement, isInvalid: boolean): void {
  if (isInvalid) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

/** localStorage, or null where it is blocked. */
function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class RoundQueuePanel {
  readonly root: HTMLElement;
  /** The writing time for new queued rounds, and for a round started with an empty queue. */
  readonly seconds: HTMLInputElement;
  private readonly deck: HTMLSelectElement;
  private readonly roundType: HTMLSelectElement;
  private readonly sentence: HTMLTextAreaElement;
  private readonly steps: HTMLInputElement;
  private readonly sentenceNote = el("p", { class: "sentence-note", attrs: { id: "round-sentence-note", role: "alert" } });
  private readonly sentenceLabel = el("span");
  private readonly scenario: HTMLSelectElement;
  private readonly scenarioNote = el("p", { class: "sentence-note", attrs: { id: "round-scenario-note", role: "alert" } });
  private readonly scenarioInfo = el("p", { class: "scenario-info muted small", attrs: { id: "round-scenario-info" } });
  private readonly scenarioField: HTMLElement;
  private readonly writeScenarioButton: HTMLButtonElement;
  /** Shown for the party's own scenarios only: built-ins cannot be deleted. */
  private readonly deleteScenarioButton: HTMLButtonElement;
  private scenarios: ListedScenario[] = [];
  private readonly deckField: HTMLElement;
  private readonly stepsField: HTMLElement;
  private readonly sentenceField: HTMLElement;
  private readonly secondsText = el("span", { text: "Writing time (s)" });
  /** A number outside its limits (steps, time), named under the row. */
  private readonly numberNote = el("p", { class: "sentence-note", attrs: { id: "queue-number-note", role: "alert", "data-kind": "error" } });
  private readonly addButton: HTMLButtonElement;
  private readonly list = el("ol", { class: "queue-list", attrs: { "aria-label": "Queued rounds, next first" } });
  private readonly empty = el("p", { class: "queue-empty muted small" });
  private readonly count = el("p", { class: "queue-count muted small", attrs: { "aria-live": "polite" } });
  private queue: RoundQueue = emptyQueue();
  private decks: DeckSummary[] = [];
  private code = "";

  constructor(
    private readonly onChange: () => void,
    onWriteScenario: () => void = () => undefined,
    onDeleteScenario: (scenario: ListedScenario) => void = () => undefined,
  ) {
    this.seconds = el("input", {
      attrs: {
        type: "number", id: "write-seconds", min: MIN_WRITE_SECONDS, max: MAX_WRITE_SECONDS, step: 15,
        value: DEFAULT_WRITE_SECONDS, inputmode: "numeric",
      },
    });
    this.deck = el("select", { attrs: { id: "queue-deck" } });
    this.roundType = el(
      "select",
      { attrs: { id: "round-type" } },
      ...PLANNED_ROUND_TYPES.map((type) => el("option", { text: ROUND_TITLES[type], attrs: { value: type } })),
    );
    this.sentence = el("textarea", {
      attrs: { id: "round-sentence", rows: 2, maxlength: MAX_SENTENCE_CHARS, spellcheck: "false", "aria-describedby": "round-sentence-note" },
    });
    this.sentence.value = DEFAULT_SENTENCE;
    this.steps = el("input", {
      attrs: {
        type: "number", id: "course-steps", min: MIN_COURSE_STEPS, max: MAX_COURSE_STEPS, step: 20, value: DEFAULT_COURSE_STEPS,
        inputmode: "numeric", "aria-describedby": "queue-number-note",
      },
    });
    this.seconds.setAttribute("aria-describedby", "queue-number-note");
    for (const input of [this.steps, this.seconds]) {
      input.addEventListener("input", () => {
        this.render();
        this.onChange();
      });
    }
    this.deckField = el("label", { class: "seconds-label deck-label", attrs: { for: "queue-deck" } }, "Deck", this.deck);
    this.scenario = el("select", { attrs: { id: "round-scenario", "aria-describedby": "round-scenario-info round-scenario-note" } });
    this.scenario.addEventListener("change", () => {
      this.showScenarioNote("", "ok");
      this.render();
      this.onChange();
    });
    this.writeScenarioButton = el("button", {
      class: "btn btn-secondary btn-small",
      text: "Write a scenario…",
      attrs: { type: "button", "data-control": "write-scenario", title: "Write or paste a scenario of your own, check it, preview the model's attention and save it with this party" },
    });
    this.writeScenarioButton.addEventListener("click", onWriteScenario);
    this.deleteScenarioButton = el("button", {
      class: "btn btn-quiet btn-small",
      text: "Delete…",
      attrs: { type: "button", "data-control": "delete-scenario" },
    });
    this.deleteScenarioButton.addEventListener("click", () => {
      const picked = this.scenarios.find((s) => s.id === this.scenario.value);
      if (picked?.isCustom) onDeleteScenario(picked);
    });
    this.scenarioField = el(
      "div",
      { class: "sentence-field scenario-field" },
      el(
        "div",
        { class: "scenario-row" },
        el("label", { class: "seconds-label deck-label", attrs: { for: "round-scenario" } }, "Scenario", this.scenario),
        this.writeScenarioButton,
        this.deleteScenarioButton,
      ),
      this.scenarioInfo,
      this.scenarioNote,
    );
    this.stepsField = el("label", { class: "seconds-label", attrs: { for: "course-steps" } }, `Training steps (${MIN_COURSE_STEPS}–${MAX_COURSE_STEPS})`, this.steps);
    this.sentenceField = el(
      "div",
      { class: "sentence-field" },
      el("label", { class: "seconds-label", attrs: { for: "round-sentence" } }, this.sentenceLabel, this.sentence),
      this.sentenceNote,
    );
    this.roundType.addEventListener("change", () => {
      this.showSentenceNote("", "ok");
      this.showScenarioNote("", "ok");
      this.swapDefaultSentence();
      this.render();
      this.onChange();
    });
    this.sentence.addEventListener("input", () => {
      if (this.sentenceNote.dataset.kind !== "busy") this.showSentenceNote("", "ok");
      this.onChange();
    });
    this.deck.addEventListener("change", () => {
      this.render();
      this.onChange();
    });
    this.addButton = el("button", { class: "btn btn-secondary", text: "Add to queue", attrs: { type: "button", "data-control": "queue-add" } });
    this.addButton.addEventListener("click", () => void this.addDraft());
    this.root = el(
      "div",
      { class: "round-queue", attrs: { role: "group", "aria-labelledby": "queue-title" } },
      el("div", { class: "queue-head" }, el("h3", { text: "Round queue", attrs: { id: "queue-title" } }), this.count),
      this.list,
      this.empty,
      el(
        "div",
        { class: "control-row queue-add" },
        el("label", { class: "seconds-label deck-label", attrs: { for: "round-type" } }, "Round", this.roundType),
        this.deckField,
        this.stepsField,
        el("label", { class: "seconds-label", attrs: { for: "write-seconds" } }, this.secondsText, this.seconds),
        this.addButton,
      ),
      this.numberNote,
      this.scenarioField,
      this.sentenceField,
    );
    this.render();
  }

  /**
   * Queues the form's round. A sentence for the models is checked first, so a sentence they
   * cannot read is refused here, under its box, rather than when its turn comes.
   */
  private async addDraft(): Promise<void> {
    const plan = this.draft();
    const seconds = clampSeconds(this.seconds.value);
    if (plan.roundType === "model" || plan.roundType === "course" || plan.roundType === "blocks") {
      this.showSentenceNote("Checking the sentence…", "busy");
      this.addButton.disabled = true;
      try {
        const verdict = await checkModelSentence(plan.sentence);
        if (!verdict.ok) {
          this.showSentenceNote(verdict.problem, "error");
          return;
        }
        const leftOut = verdict.unknownWords;
        this.showSentenceNote(leftOut.length > 0 ? `Queued. Left out — the model does not know: ${leftOut.join(", ")}` : "", leftOut.length > 0 ? "warning" : "ok");
      } catch {
        // The check could not be made: queue it anyway; starting the round checks it again.
        this.showSentenceNote("", "ok");
      } finally {
        this.render();
      }
    }
    this.update(addRound(this.queue, plan, seconds));
  }

  /** The round the form describes (what "Add to queue" adds, and what an empty queue starts). */
  draft(): RoundPlan {
    return planFromForm(this.roundType.value as PlannedRoundType, {
      deckId: this.deck.value,
      sentence: this.sentence.value,
      courseSteps: this.steps.value,
      scenarioId: this.scenario.value,
    });
  }

  /**
   * What keeps the form's round from being queued or started: training steps or a time outside
   * their limits, in words; null when the form is fine.
   */
  formProblem(): string | null {
    const type = this.roundType.value as PlannedRoundType;
    const steps = type === "course" ? numberFieldProblem(this.steps.value, COURSE_STEP_LIMITS) : null;
    const seconds = type === "blocks" ? null : numberFieldProblem(this.seconds.value, WRITE_SECONDS_LIMITS);
    return [steps, seconds].filter((p) => p !== null).join(" ") || null;
  }

  /** The blocks round has its own default sentence: switching types swaps an untouched default. */
  private swapDefaultSentence(): void {
    const isBlocks = this.roundType.value === "blocks";
    const value = this.sentence.value.trim();
    if (isBlocks && value === DEFAULT_SENTENCE) this.sentence.value = DEFAULT_BLOCKS_SENTENCE;
    if (!isBlocks && value === DEFAULT_BLOCKS_SENTENCE) this.sentence.value = DEFAULT_SENTENCE;
  }

  /** The server's answer about a scenario start ("not in the list", the model cannot read it…). */
  showScenarioNote(text: string, kind: SentenceNoteKind): void {
    setText(this.scenarioNote, text);
    this.scenarioNote.dataset.kind = kind;
    this.scenario.toggleAttribute("aria-invalid", kind === "error" && text !== "");
  }

  /**
   * Where the answer to a start of `roundType` goes: under the scenario picker or the sentence
   * box. A refusal switches the form to that round type, so the note is seen next to its field.
   */
  showStartNote(roundType: PlannedRoundType, text: string, kind: SentenceNoteKind): void {
    if (kind === "error" && this.roundType.value !== roundType && roundType !== "party") {
      this.roundType.value = roundType;
      this.swapDefaultSentence();
      this.render();
    }
    if (roundType === "sentence" || roundType === "heads") this.showScenarioNote(text, kind);
    else this.showSentenceNote(text, kind);
  }

  /** The scenarios the server lists for this party (built-ins, then the party's own). */
  setScenarios(scenarios: ListedScenario[], select?: string): void {
    const selected = select ?? this.scenario.value ?? DEFAULT_SCENARIO_ID;
    this.scenarios = scenarios;
    const options = sentenceScenarioOptions(scenarios);
    replaceChildren(this.scenario, ...options.map((o) => el("option", { text: o.label, attrs: { value: o.id } })));
    if (options.some((o) => o.id === selected)) this.scenario.value = selected;
    else if (options.some((o) => o.id === DEFAULT_SCENARIO_ID)) this.scenario.value = DEFAULT_SCENARIO_ID;
    this.render();
    this.onChange();
  }

  /** Shows the form for a scenario round with `scenarioId` picked (a freshly saved custom one). */
  pickScenario(scenarioId: string): void {
    if (this.roundType.value !== "sentence" && this.roundType.value !== "heads") this.roundType.value = "sentence";
    if ([...this.scenario.options].some((o) => o.value === scenarioId)) this.scenario.value = scenarioId;
    this.showScenarioNote("", "ok");
    this.render();
    this.onChange();
  }

  get scenarioList(): readonly ListedScenario[] {
    return this.scenarios;
  }

  /** The server's answer about a sentence (or "checking…"), right under the sentence box. */
  showSentenceNote(text: string, kind: SentenceNoteKind): void {
    setText(this.sentenceNote, text);
    this.sentenceNote.dataset.kind = kind;
    this.sentence.toggleAttribute("aria-invalid", kind === "error" && text !== "");
  }

  /** Shows the form for a round type and puts a sentence in the box (a refused queued round's, to fix it). */
  editSentence(roundType: "model" | "course" | "blocks", sentence: string): void {
    this.roundType.value = roundType;
    this.sentence.value = sentence;
    this.render();
  }

  /** Opens (or switches to) a party's stored queue. */
  setParty(code: string): void {
    this.code = code;
    this.queue = loadQueue(localStore(), code);
    this.render();
    this.onChange();
  }

  setDecks(decks: DeckSummary[]): void {
    const selected = this.deck.value;
    this.decks = decks;
    replaceChildren(this.deck, ...decks.map((d) => el("option", { text: `${d.title} (${d.items} cards)`, attrs: { value: d.id } })));
    if (decks.some((d) => d.id === selected)) this.deck.value = selected;
    this.render();
    this.onChange();
  }

  get state(): RoundQueue {
    return this.queue;
  }

  get deckList(): readonly DeckSummary[] {
    return this.decks;
  }

  titleOf(deckId: string): string {
    return deckTitle(this.decks, deckId);
  }

  update(queue: RoundQueue): void {
    if (queue === this.queue) return;
    this.queue = queue;
    if (this.code) saveQueue(localStore(), this.code, queue);
    this.render();
    this.onChange();
  }

  private render(): void {
    const { rounds } = this.queue;
    const type = this.roundType.value as PlannedRoundType;
    this.deckField.hidden = type !== "party";
    this.stepsField.hidden = type !== "course";
    this.sentenceField.hidden = SENTENCE_LABELS[type] === undefined;
    this.scenarioField.hidden = type !== "sentence" && type !== "heads";
    setText(this.sentenceLabel, SENTENCE_LABELS[type] ?? "");
    const isWriting = type === "party" || type === "sentence" || type === "heads";
    setText(this.secondsText, `${isWriting ? "Writing" : "Answer"} time (s, ${MIN_WRITE_SECONDS}–${MAX_WRITE_SECONDS})`);
    const problem = this.formProblem();
    setText(this.numberNote, problem ?? "");
    markInvalid(this.steps, type === "course" && numberFieldProblem(this.steps.value, COURSE_STEP_LIMITS) !== null);
    markInvalid(this.seconds, type !== "blocks" && numberFieldProblem(this.seconds.value, WRITE_SECONDS_LIMITS) !== null);
    // The walk-through has no timer: the instructor steps through it.
    this.seconds.closest("label")!.hidden = type === "blocks";
    const picked = this.scenarios.find((s) => s.id === this.scenario.value);
    setText(
      this.scenarioInfo,
      picked
        ? `${picked.summary}${type === "heads" ? ` Teams: ${picked.questions.map((q, i) => `${i + 1} ${q}`).join(" · ")}` : ""}`
        : this.scenarios.length === 0
          ? "Loading the scenarios…"
          : "",
    );
    this.scenario.disabled = this.scenarios.length === 0;
    this.deleteScenarioButton.hidden = !picked?.isCustom;
    const title = picked ? `Delete “${picked.title}” from this party` : "";
    this.deleteScenarioButton.title = title;
    this.deleteScenarioButton.setAttribute("aria-label", title || "Delete the scenario");
    const known = new Set(this.decks.map((d) => d.id));
    replaceChildren(
      this.list,
      ...rounds.map((r, i) => {
        const isUnknown = r.roundType === "party" && this.decks.length > 0 && !known.has(r.deckId ?? "");
        const act = (label: string, text: string, isDisabled: boolean, cls: string, run: () => RoundQueue) => {
          const b = el("button", { class: `btn btn-small ${cls}`, text, attrs: { type: "button", "aria-label": label, title: label, disabled: isDisabled } });
          b.addEventListener("click", () => this.update(run()));
          return b;
        };
        return el(
          "li",
          {
            class: `queue-item${i === 0 ? " is-next" : ""}${isUnknown ? " is-unknown" : ""}`,
            attrs: { "data-queued": r.id, "data-round-type": r.roundType, "data-deck": r.roundType === "party" ? r.deckId : undefined },
          },
          el("span", { class: "queue-pos", text: String(i + 1) }),
          el("span", { class: `badge badge-type badge-${r.roundType}`, text: TYPE_TAGS[r.roundType], attrs: { title: ROUND_TITLES[r.roundType] } }),
          el("span", { class: "queue-deck", text: planSummary(r, this.decks, 80, this.scenarios), attrs: { title: "sentence" in r ? r.sentence : undefined } }),
          i === 0 ? el("span", { class: "badge badge-next", text: "Next" }) : null,
          isUnknown ? el("span", { class: "badge badge-hidden", text: "not on this server", attrs: { title: "GET /api/decks does not list this deck; starting it will fail" } }) : null,
          r.roundType === "blocks"
            ? el("span", { class: "queue-time", text: "steps", attrs: { title: "You step through the walk-through yourself" } })
            : el("span", { class: "queue-time", text: formatMinutes(r.writeSeconds), attrs: { title: `${r.writeSeconds} s of ${r.roundType === "model" || r.roundType === "course" ? "answering" : "writing"}` } }),
          el(
            "span",
            { class: "queue-actions" },
            act(`Move round ${i + 1} earlier`, "↑", i === 0, "btn-secondary", () => moveRound(this.queue, r.id, -1)),
            act(`Move round ${i + 1} later`, "↓", i === rounds.length - 1, "btn-secondary", () => moveRound(this.queue, r.id, 1)),
            act(`Remove round ${i + 1} from the queue`, "✕", false, "btn-quiet", () => removeRound(this.queue, r.id)),
          ),
        );
      }),
    );
    this.list.hidden = rounds.length === 0;
    this.empty.hidden = rounds.length > 0;
    const deck = this.decks.find((d) => d.id === this.deck.value) ?? this.decks[0];
    const emptyText: Record<PlannedRoundType, string> = {
      party: deck
        ? `Nothing queued: the next round deals from “${deck.title}” with the writing time below.`
        : "Nothing queued: the next round uses the server's default deck and the writing time below.",
      sentence: `Nothing queued: the next round makes the class the sentence of “${scenarioTitle(this.scenarios, this.scenario.value || DEFAULT_SCENARIO_ID)}”, one student per word.`,
      heads: `Nothing queued: the next round splits the class into head teams on “${scenarioTitle(this.scenarios, this.scenario.value || DEFAULT_SCENARIO_ID)}”.`,
      model: "Nothing queued: the next round is “Untrained vs trained” on the sentence below.",
      course: "Nothing queued: the next round is the training course on the sentence below.",
      blocks: "Nothing queued: the next round walks the sentence below through three transformer blocks.",
    };
    setText(this.empty, emptyText[type]);
    setText(this.count, rounds.length === 0 ? "" : rounds.length === 1 ? "1 round planned" : `${rounds.length} rounds planned`);
    this.deck.disabled = this.decks.length === 0;
    this.addButton.disabled = (type === "party" && this.decks.length === 0) || rounds.length >= MAX_QUEUED || problem !== null;
    this.addButton.title = problem ?? "";
  }
}
