// Dashboard: the round's phase stepper and the buttons that drive it. Only the buttons that
// make sense in the current phase are enabled; the room checks again and answers with an
// `error` message when a click was too late.
import { ClientMessage } from "../../shared/messages.js";
import type { Phase } from "../../shared/roomState.js";
import { el, setText } from "../lib/dom.js";
import { formatSeconds, type ServerClock } from "../lib/serverClock.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

const STEPS: Array<{ phase: Phase; label: string }> = [
  { phase: "lobby", label: "Lobby" },
  { phase: "brief", label: "Brief" },
  { phase: "write", label: "Write" },
  { phase: "reveal", label: "Reveal" },
  { phase: "scores", label: "Scores" },
  { phase: "ended", label: "Ended" },
];

const DEFAULT_WRITE_SECONDS = 120;

export class PhaseControls {
  readonly root: HTMLElement;
  private readonly steps: HTMLElement[];
  private readonly round = el("p", { class: "round-label" });
  private readonly timer = el("p", { class: "host-timer", attrs: { role: "timer" } });
  private readonly seconds: HTMLInputElement;
  private readonly buttons: Record<string, HTMLButtonElement> = {};
  private snapshot: PartySnapshot | null = null;

  constructor(
    private readonly connection: PartyConnection,
    private readonly clock: ServerClock,
  ) {
    this.steps = STEPS.map((s) => el("li", { text: s.label, attrs: { "data-phase": s.phase } }));
    this.seconds = el("input", {
      attrs: { type: "number", id: "write-seconds", min: 15, max: 1800, step: 15, value: DEFAULT_WRITE_SECONDS, inputmode: "numeric" },
    });
    const button = (id: string, label: string, cls: string, onClick: () => void) => {
      const b = el("button", { class: `btn ${cls}`, text: label, attrs: { type: "button" } });
      b.addEventListener("click", onClick);
      this.buttons[id] = b;
      return b;
    };
    const send = this.connection.send.bind(this.connection);
    this.root = el(
      "section",
      { class: "card phase-panel", attrs: { "aria-labelledby": "phase-title" } },
      el("div", { class: "phase-head" }, el("h2", { text: "Round", attrs: { id: "phase-title" } }), this.round, this.timer),
      el("ol", { class: "stepper", attrs: { "aria-label": "Phases of the round" } }, ...this.steps),
      el(
        "div",
        { class: "control-row" },
        el("label", { class: "seconds-label", attrs: { for: "write-seconds" } }, "Writing time (s)", this.seconds),
        button("start", "Start round", "btn-primary", () => send(ClientMessage.startRound, { roundType: "party", writeSeconds: this.writeSeconds() })),
        button("write", "Start writing", "btn-primary", () => send(ClientMessage.startWriting, {})),
      ),
      el(
        "div",
        { class: "control-row" },
        button("extend", "+30 s", "btn-secondary", () => send(ClientMessage.extendTimer, { seconds: 30 })),
        button("endWrite", "End writing", "btn-secondary", () => send(ClientMessage.endWriting, {})),
        button("reveal", "Reveal attention", "btn-primary", () => send(ClientMessage.reveal, {})),
        button("scores", "Show scores", "btn-primary", () => send(ClientMessage.showScores, {})),
      ),
      el(
        "div",
        { class: "control-row end-row" },
        button("end", "End session", "btn-danger", () => {
          if (confirm("End the session for everyone? The podium is shown and no more rounds can start.")) send(ClientMessage.endSession, {});
        }),
      ),
    );
  }

  private writeSeconds(): number {
    const value = Math.round(Number(this.seconds.value));
    return Number.isFinite(value) ? Math.min(1800, Math.max(15, value)) : DEFAULT_WRITE_SECONDS;
  }

  update(snapshot: PartySnapshot, isOnline: boolean): void {
    this.snapshot = snapshot;
    const { phase } = snapshot;
    const current = STEPS.findIndex((s) => s.phase === phase);
    this.steps.forEach((li, i) => {
      li.className = i < current ? "done" : i === current ? "current" : "";
      if (i === current) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    setText(this.round, snapshot.roundNumber > 0 ? `Round ${snapshot.roundNumber}` : "No round yet");
    const writing = phase === "write" && snapshot.isWritingOpen;
    const enabled: Record<string, boolean> = {
      start: phase === "lobby" || phase === "reveal" || phase === "scores",
      write: phase === "brief",
      extend: writing,
      endWrite: writing,
      reveal: phase === "write",
      scores: phase === "reveal",
      end: phase !== "ended",
    };
    for (const [id, b] of Object.entries(this.buttons)) b.disabled = !isOnline || !enabled[id];
    setText(this.buttons.start, phase === "lobby" ? "Start round" : "Next round");
    this.seconds.disabled = !enabled.start;
    this.tick();
  }

  /** Called a few times a second for the countdown. */
  tick(): void {
    const s = this.snapshot;
    if (s?.phase === "write") {
      const left = s.isWritingOpen ? this.clock.secondsLeft(s.phaseEndsAt) : null;
      const submitted = s.guests.filter((g) => g.isPlaying && g.hasSubmitted).length;
      const playing = s.guests.filter((g) => g.isPlaying).length;
      setText(this.timer, `${left === null ? "Writing closed" : `${formatSeconds(left)} left`} · ${submitted}/${playing} submitted`);
    } else {
      setText(this.timer, "");
    }
  }
}
