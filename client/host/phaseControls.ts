// Dashboard: the round's phase stepper, the writing timer with its pause / resume / +30 s
// right beside it, and the buttons that drive the round. Only the buttons that make sense in
// the current phase are enabled; the room checks again and answers with an `error` message
// when a click was too late. "Start round" / "Next round" starts the head of the round queue
// (roundQueuePanel.ts) — or, with nothing queued, the round its form describes — and the round
// label names the deck or the round type. In model and course rounds the buttons say what they do
// there ("Open the question", "Run the training course"), and the server's verdict on a sentence
// or a scenario is shown under its box instead of as a toast (a refusal as an error; a notice —
// the round started without the words the models do not know — as a warning).
import { ClientMessage, type ErrorPayload, type NoticePayload } from "../../shared/messages.js";
import type { Phase } from "../../shared/roomState.js";
import { isWatchedRound, ROUND_TITLES, type RoundType } from "../../shared/rounds.js";
import { el, setText } from "../lib/dom.js";
import { formatSeconds, type ServerClock } from "../lib/serverClock.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import {
  currentDeckId,
  markStarted,
  nextStart,
  planSummary,
  roundsWithScenario,
  startPayload,
  withoutScenario,
  type DeckSummary,
  type ListedScenario,
  type NextStart,
  type RoundPlan,
} from "./roundQueue.js";
import { RoundQueuePanel } from "./roundQueuePanel.js";
import { phaseWords } from "./watchedRound.js";

const STEPS: Array<{ phase: Phase; label: string }> = [
  { phase: "lobby", label: "Lobby" },
  { phase: "brief", label: "Brief" },
  { phase: "write", label: "Write" },
  { phase: "reveal", label: "Reveal" },
  { phase: "scores", label: "Scores" },
  { phase: "ended", label: "Ended" },
];

const EXTEND_SECONDS = 30;
/** The countdown turns red below this many seconds. */
const HURRY_SECONDS = 15;
/** An error within this long of "Start round" is the server's answer to that start. */
const START_WAIT_MS = 30_000;

type ButtonId = "start" | "write" | "pause" | "extend" | "endWrite" | "reveal" | "scores" | "skip" | "end";

export class PhaseControls {
  readonly root: HTMLElement;
  /**
   * The round queue, in a card of its own that the page places after the round's panels: during
   * a model round the head picker and "Try another sentence" sit right under the phase buttons.
   */
  readonly queueRoot: HTMLElement;
  private readonly steps: HTMLElement[];
  private readonly round = el("p", { class: "round-label" });
  private readonly timer = el("p", { class: "host-timer", attrs: { role: "timer", "aria-live": "off" } });
  private readonly submitted = el("p", { class: "timer-sub" });
  private readonly timerBox: HTMLElement;
  /** The phase buttons; none once the party has ended (nothing can start or change). */
  private readonly controls: HTMLElement;
  private readonly queue: RoundQueuePanel;
  /** A start sent but not yet confirmed by a higher round number in the room state. */
  private pendingStart: { start: NextStart; afterRound: number; sentAt: number; notice: string | null } | null = null;
  /** A course is training (set from the model panel): "Show scores" waits for it. */
  private isTraining = false;
  private readonly buttons = {} as Record<ButtonId, HTMLButtonElement>;
  private snapshot: PartySnapshot | null = null;
  private isOnline = false;

  constructor(
    private readonly connection: PartyConnection,
    private readonly clock: ServerClock,
  ) {
    this.steps = STEPS.map((s) => el("li", { text: s.label, attrs: { "data-phase": s.phase } }));
    this.queue = new RoundQueuePanel(
      () => this.refresh(),
      () => this.onWriteScenario(),
      (scenario) => this.onDeleteScenario(scenario),
    );
    const button = (id: ButtonId, label: string, cls: string, onClick: () => void, title?: string) => {
      const b = el("button", { class: `btn ${cls}`, text: label, attrs: { type: "button", title, "data-control": id } });
      b.addEventListener("click", onClick);
      this.buttons[id] = b;
      return b;
    };
    const send = this.connection.send.bind(this.connection);
    this.timerBox = el(
      "div",
      { class: "timer-box" },
      el("div", { class: "timer-readout" }, this.timer, this.submitted),
      el(
        "div",
        { class: "timer-buttons" },
        button("pause", "Pause", "btn-secondary", () => this.togglePause(), "Pause or resume the writing timer (students can still send)"),
        button("extend", `+${EXTEND_SECONDS} s`, "btn-secondary", () => send(ClientMessage.extendTimer, { seconds: EXTEND_SECONDS }), "Give everyone 30 more seconds"),
      ),
    );
    this.controls = el(
      "div",
      { class: "phase-controls" },
      el(
        "div",
        { class: "control-row" },
        button("start", "Start round", "btn-primary", () => this.startNext()),
        button("write", "Start writing", "btn-primary", () => send(ClientMessage.startWriting, {})),
        button("endWrite", "End writing", "btn-secondary", () => send(ClientMessage.endWriting, {})),
        button("reveal", "Reveal attention", "btn-primary", () => send(ClientMessage.reveal, {})),
        button("scores", "Show scores", "btn-primary", () => send(ClientMessage.showScores, {})),
      ),
      el(
        "div",
        { class: "control-row end-row" },
        button("skip", "Skip round", "btn-secondary", () => {
          if (confirm("Skip this round? It goes straight to the scores and nobody gets points for it.")) send(ClientMessage.skipRound, {});
        }, "Drop this round without a reveal: nobody gains points"),
        button("end", "End session", "btn-danger", () => {
          if (confirm("End the session for everyone? The podium is shown and no more rounds can start.")) send(ClientMessage.endSession, {});
        }),
      ),
    );
    this.root = el(
      "section",
      { class: "card phase-panel", attrs: { "aria-labelledby": "phase-title" } },
      el("div", { class: "phase-head" }, el("h2", { text: "Round", attrs: { id: "phase-title" } }), this.round),
      el("ol", { class: "stepper", attrs: { "aria-label": "Phases of the round" } }, ...this.steps),
      this.timerBox,
      this.controls,
    );
    this.queueRoot = el("section", { class: "card queue-card", attrs: { "aria-label": "Plan the rounds" } }, this.queue.root);
  }

  /** Set by the page: opens the custom-scenario editor. */
  onWriteScenario: () => void = () => undefined;

  /** Set by the page: asks, then deletes one of the party's own scenarios. */
  onDeleteScenario: (scenario: ListedScenario) => void = () => undefined;

  /** Queued rounds that play a scenario (about to be deleted). */
  queuedWithScenario(scenarioId: string): number {
    return roundsWithScenario(this.queue.state, scenarioId).length;
  }

  /** A scenario was deleted: the queued rounds that played it leave the queue (they could not start). */
  forgetScenario(scenarioId: string): void {
    this.queue.update(withoutScenario(this.queue.state, scenarioId));
  }

  private togglePause(): void {
    const isPaused = this.snapshot?.isPaused ?? false;
    this.connection.send(isPaused ? ClientMessage.resumeTimer : ClientMessage.pauseTimer, {});
  }

  /** The party whose queue this panel shows (stored per party code). */
  setParty(code: string): void {
    this.pendingStart = null;
    this.queue.setParty(code);
  }

  setDecks(decks: DeckSummary[]): void {
    this.queue.setDecks(decks);
  }

  setScenarios(scenarios: ListedScenario[], select?: string): void {
    this.queue.setScenarios(scenarios, select);
  }

  /** A custom scenario was just saved: the form offers it for the next round. */
  pickScenario(scenarioId: string): void {
    this.queue.pickScenario(scenarioId);
  }

  /** The plan's summary with the lists this panel knows. */
  private summary(plan: RoundPlan, maxChars = 80): string {
    return planSummary(plan, this.queue.deckList, maxChars, this.queue.scenarioList);
  }

  private next(): NextStart {
    return nextStart(this.queue.state, this.queue.deckList, Number(this.queue.seconds.value), this.queue.draft());
  }

  private startNext(): void {
    const start = this.next();
    if (!this.connection.send(ClientMessage.startRound, startPayload(start))) return;
    this.pendingStart = { start, afterRound: this.snapshot?.roundNumber ?? 0, sentAt: Date.now(), notice: null };
    const type = start.plan.roundType;
    const busy: Record<RoundPlan["roundType"], string> = {
      party: "",
      sentence: "The trained model is reading the scenario's sentence…",
      heads: "The trained model is reading the scenario's sentence…",
      model: "Both models are reading the sentence…",
      course: "Both models are reading the sentence…",
      blocks: "Walking the sentence through three blocks…",
    };
    this.queue.showStartNote(type, busy[type], busy[type] ? "busy" : "ok");
  }

  /** Course training state from the model panel. */
  setTraining(isTraining: boolean): void {
    if (this.isTraining === isTraining) return;
    this.isTraining = isTraining;
    this.refresh();
  }

  /**
   * The server's refusal of a start (a bad sentence or scenario: nothing started) goes under the
   * sentence box. False: not an answer to a start, show it elsewhere.
   */
  takeError(error: ErrorPayload): boolean {
    const pending = this.pendingStart;
    if (!pending || pending.start.plan.roundType === "party" || Date.now() - pending.sentAt > START_WAIT_MS) return false;
    const where = pending.start.queuedId === null ? "" : `Queued ${this.summary(pending.start.plan, 40)}: `;
    this.queue.showStartNote(pending.start.plan.roundType, `${where}${error.message}`, "error");
    return true;
  }

  /**
   * A notice about a start that went ahead (words left out): a warning under the sentence box,
   * kept once the round is under way. It usually arrives just before the state that shows the round.
   */
  takeNotice(notice: NoticePayload): void {
    const pending = this.pendingStart;
    if (pending) {
      pending.notice = notice.message;
      this.queue.showStartNote(pending.start.plan.roundType, notice.message, "warning");
      return;
    }
    const type = this.snapshot?.roundType;
    if (type && type !== "party") this.queue.showStartNote(type as RoundType, `Round started. ${notice.message}`, "warning");
  }

  private refresh(): void {
    if (this.snapshot) this.update(this.snapshot, this.isOnline);
  }

  update(snapshot: PartySnapshot, isOnline: boolean): void {
    this.snapshot = snapshot;
    this.isOnline = isOnline;
    const pending = this.pendingStart;
    if (pending && snapshot.roundNumber > pending.afterRound) {
      // The room started the round: its queued entry leaves the queue (this calls back into
      // refresh(), which sees pendingStart already cleared).
      this.pendingStart = null;
      // Started without the words the models do not know: the notice stays, as a warning.
      this.queue.showStartNote(pending.start.plan.roundType, pending.notice ? `Round started. ${pending.notice}` : "", pending.notice ? "warning" : "ok");
      this.queue.update(markStarted(this.queue.state, pending.start, snapshot.roundNumber));
    }
    const { phase } = snapshot;
    const words = phaseWords(snapshot.roundType);
    const current = STEPS.findIndex((s) => s.phase === phase);
    this.steps.forEach((li, i) => {
      const step = STEPS[i];
      setText(li, step.phase === "write" ? words.writeStep : step.phase === "reveal" ? words.revealStep : step.label);
      li.className = i < current ? "done" : i === current ? "current" : "";
      if (i === current) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    const deckId = currentDeckId(this.queue.state, snapshot.roundNumber);
    const isWatched = isWatchedRound(snapshot.roundType);
    const isParty = snapshot.roundType === "party";
    const what = !isParty ? (ROUND_TITLES[snapshot.roundType as RoundType] ?? "") : deckId ? this.queue.titleOf(deckId) : "";
    const isEnded = phase === "ended";
    const rounds = `${snapshot.roundNumber} ${snapshot.roundNumber === 1 ? "round" : "rounds"}`;
    setText(
      this.round,
      isEnded
        ? `Party ended after ${rounds}`
        : snapshot.roundNumber === 0
          ? "No round yet"
          : what
            ? `Round ${snapshot.roundNumber} · ${what}`
            : `Round ${snapshot.roundNumber}`,
    );
    this.controls.hidden = isEnded;
    this.queueRoot.hidden = isEnded;
    const isWriting = phase === "write" && snapshot.isWritingOpen;
    // With nothing queued "Start round" starts the form's round, which must be within its limits.
    const formProblem = this.queue.state.rounds.length === 0 ? this.queue.formProblem() : null;
    const enabled: Record<ButtonId, boolean> = {
      start: (phase === "lobby" || phase === "reveal" || phase === "scores") && formProblem === null,
      write: phase === "brief",
      pause: isWriting,
      extend: isWriting,
      endWrite: isWriting,
      reveal: phase === "write",
      scores: phase === "reveal" && !(isWatched && this.isTraining),
      skip: phase === "brief" || phase === "write",
      end: phase !== "ended",
    };
    for (const [id, b] of Object.entries(this.buttons) as Array<[ButtonId, HTMLButtonElement]>) b.disabled = !isOnline || !enabled[id];
    // The walk-through has no writing and no reveal of its own: its steps are in the blocks panel.
    const isBlocks = snapshot.roundType === "blocks" && phase !== "lobby" && phase !== "ended";
    for (const id of ["write", "endWrite", "reveal"] as const) this.buttons[id].hidden = isBlocks;
    setText(this.buttons.start, phase === "lobby" ? "Start round" : "Next round");
    setText(this.buttons.write, words.write);
    setText(this.buttons.endWrite, words.endWrite);
    setText(this.buttons.reveal, words.reveal);
    const next = this.next();
    this.buttons.start.title = formProblem
      ? formProblem
      : next.plan.roundType === "party"
        ? next.plan.deckId
          ? `Deals from “${this.queue.titleOf(next.plan.deckId)}”, ${next.writeSeconds} s of writing`
          : ""
        : next.plan.roundType === "blocks"
          ? `${ROUND_TITLES.blocks}: ${this.summary(next.plan)}`
          : `${ROUND_TITLES[next.plan.roundType]}: ${this.summary(next.plan)}, ${next.writeSeconds} s to ${next.plan.roundType === "sentence" || next.plan.roundType === "heads" ? "write" : "answer"}`;
    this.buttons.scores.title = isWatched && this.isTraining ? "The course is still training: stop it first, or wait for it to finish" : "";
    setText(this.buttons.pause, snapshot.isPaused ? "Resume" : "Pause");
    this.buttons.pause.classList.toggle("btn-primary", snapshot.isPaused);
    this.buttons.pause.classList.toggle("btn-secondary", !snapshot.isPaused);
    this.buttons.pause.setAttribute("aria-pressed", String(snapshot.isPaused));
    this.tick();
  }

  /** Called a few times a second for the countdown. */
  tick(): void {
    const s = this.snapshot;
    const isWritePhase = s?.phase === "write";
    this.timerBox.hidden = !isWritePhase;
    if (!s || !isWritePhase) return;
    const submitted = s.guests.filter((g) => g.isPlaying && g.hasSubmitted).length;
    const playing = s.guests.filter((g) => g.isPlaying).length;
    setText(this.submitted, `${submitted}/${playing} ${phaseWords(s.roundType).done}`);
    let text: string;
    let state: "running" | "paused" | "hurry" | "closed";
    if (!s.isWritingOpen) {
      text = isWatchedRound(s.roundType) ? "Answers closed" : "Writing closed";
      state = "closed";
    } else if (s.isPaused) {
      text = "Paused";
      state = "paused";
    } else {
      const left = this.clock.secondsLeft(s.phaseEndsAt) ?? 0;
      text = formatSeconds(left);
      state = left <= HURRY_SECONDS ? "hurry" : "running";
    }
    setText(this.timer, text);
    this.timerBox.dataset.state = state;
  }
}
