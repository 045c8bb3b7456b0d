// Dashboard: the round's phase stepper, the writing timer with its pause / resume / +30 s
// right beside it, and the buttons that drive the round. Only the buttons that make sense in
// the current phase are enabled; the room checks again and answers with an `error` message
// when a click was too late. "Start round" / "Next round" starts the head of the round queue
// (roundQueuePanel.ts) with its deck and writing time; the round label names the deck.
import { ClientMessage } from "../../shared/messages.js";
import type { Phase } from "../../shared/roomState.js";
import { el, setText } from "../lib/dom.js";
import { formatSeconds, type ServerClock } from "../lib/serverClock.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { currentDeckId, markStarted, nextStart, type DeckSummary, type NextStart } from "./roundQueue.js";
import { RoundQueuePanel } from "./roundQueuePanel.js";

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

type ButtonId = "start" | "write" | "pause" | "extend" | "endWrite" | "reveal" | "scores" | "skip" | "end";

export class PhaseControls {
  readonly root: HTMLElement;
  private readonly steps: HTMLElement[];
  private readonly round = el("p", { class: "round-label" });
  private readonly timer = el("p", { class: "host-timer", attrs: { role: "timer", "aria-live": "off" } });
  private readonly submitted = el("p", { class: "timer-sub" });
  private readonly timerBox: HTMLElement;
  private readonly queue: RoundQueuePanel;
  /** A start sent but not yet confirmed by a higher round number in the room state. */
  private pendingStart: { start: NextStart; afterRound: number } | null = null;
  private readonly buttons = {} as Record<ButtonId, HTMLButtonElement>;
  private snapshot: PartySnapshot | null = null;
  private isOnline = false;

  constructor(
    private readonly connection: PartyConnection,
    private readonly clock: ServerClock,
  ) {
    this.steps = STEPS.map((s) => el("li", { text: s.label, attrs: { "data-phase": s.phase } }));
    this.queue = new RoundQueuePanel(() => this.refresh());
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
    this.root = el(
      "section",
      { class: "card phase-panel", attrs: { "aria-labelledby": "phase-title" } },
      el("div", { class: "phase-head" }, el("h2", { text: "Round", attrs: { id: "phase-title" } }), this.round),
      el("ol", { class: "stepper", attrs: { "aria-label": "Phases of the round" } }, ...this.steps),
      this.timerBox,
      el(
        "div",
        { class: "control-row" },
        button("start", "Start round", "btn-primary", () => this.startNext()),
        button("write", "Start writing", "btn-primary", () => send(ClientMessage.startWriting, {})),
        button("endWrite", "End writing", "btn-secondary", () => send(ClientMessage.endWriting, {})),
        button("reveal", "Reveal attention", "btn-primary", () => send(ClientMessage.reveal, {})),
        button("scores", "Show scores", "btn-primary", () => send(ClientMessage.showScores, {})),
      ),
      this.queue.root,
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

  private startNext(): void {
    const start = nextStart(this.queue.state, this.queue.deckList, Number(this.queue.seconds.value));
    const payload = { roundType: "party" as const, writeSeconds: start.writeSeconds, ...(start.deckId === undefined ? {} : { deckId: start.deckId }) };
    if (this.connection.send(ClientMessage.startRound, payload)) {
      this.pendingStart = { start, afterRound: this.snapshot?.roundNumber ?? 0 };
    }
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
      this.queue.update(markStarted(this.queue.state, pending.start, snapshot.roundNumber));
    }
    const { phase } = snapshot;
    const current = STEPS.findIndex((s) => s.phase === phase);
    this.steps.forEach((li, i) => {
      li.className = i < current ? "done" : i === current ? "current" : "";
      if (i === current) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    const deckId = currentDeckId(this.queue.state, snapshot.roundNumber);
    setText(
      this.round,
      snapshot.roundNumber === 0 ? "No round yet" : deckId ? `Round ${snapshot.roundNumber} · ${this.queue.titleOf(deckId)}` : `Round ${snapshot.roundNumber}`,
    );
    const isWriting = phase === "write" && snapshot.isWritingOpen;
    const enabled: Record<ButtonId, boolean> = {
      start: phase === "lobby" || phase === "reveal" || phase === "scores",
      write: phase === "brief",
      pause: isWriting,
      extend: isWriting,
      endWrite: isWriting,
      reveal: phase === "write",
      scores: phase === "reveal",
      skip: phase === "brief" || phase === "write",
      end: phase !== "ended",
    };
    for (const [id, b] of Object.entries(this.buttons) as Array<[ButtonId, HTMLButtonElement]>) b.disabled = !isOnline || !enabled[id];
    setText(this.buttons.start, phase === "lobby" ? "Start round" : "Next round");
    const next = nextStart(this.queue.state, this.queue.deckList, Number(this.queue.seconds.value));
    this.buttons.start.title = next.deckId ? `Deals from “${this.queue.titleOf(next.deckId)}”, ${next.writeSeconds} s of writing` : "";
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
    setText(this.submitted, `${submitted}/${playing} submitted`);
    let text: string;
    let state: "running" | "paused" | "hurry" | "closed";
    if (!s.isWritingOpen) {
      text = "Writing closed";
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
