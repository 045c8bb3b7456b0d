// The writing phase's clock: open with a duration, extend, pause and resume, close early or
// when time runs out. Keeps the public state (phaseEndsAt, isWritingOpen, isPaused) in step
// and reports every change so the room can store it.
import type { Delayed } from "@colyseus/core";
import type { PartyState } from "./PartyState.js";

interface Clock {
  setTimeout(handler: () => void, ms: number): Delayed;
}

export class WritingTimer {
  private timeout: Delayed | null = null;
  private pausedMsLeft = 0;

  constructor(
    private readonly clock: Clock,
    private readonly state: PartyState,
    /** Called after every change (to persist it); also when time runs out. */
    private readonly onChange: () => void,
  ) {}

  open(ms: number): void {
    this.state.isWritingOpen = true;
    this.state.isPaused = false;
    this.run(ms);
    this.onChange();
  }

  /** Closes writing now; `isSilent` skips onChange (a phase change that stores itself). */
  close(isSilent = false): void {
    this.timeout?.clear();
    this.timeout = null;
    this.state.isWritingOpen = false;
    this.state.isPaused = false;
    this.state.phaseEndsAt = 0;
    this.state.serverNow = Date.now();
    if (!isSilent) this.onChange();
  }

  extend(seconds: number): void {
    if (this.state.isPaused) this.pausedMsLeft += seconds * 1000;
    else this.run(this.state.phaseEndsAt - Date.now() + seconds * 1000);
    this.onChange();
  }

  pause(): void {
    this.pausedMsLeft = Math.max(0, this.state.phaseEndsAt - Date.now());
    this.timeout?.clear();
    this.timeout = null;
    this.state.isPaused = true;
    this.state.phaseEndsAt = 0;
    this.state.serverNow = Date.now();
    this.onChange();
  }

  /** The time left on a paused clock (what resume() runs again), 0 while not paused. */
  get msLeftWhilePaused(): number {
    return this.state.isPaused ? this.pausedMsLeft : 0;
  }

  /** A paused round brought back after a restart: writing open, the clock stopped with `ms` left. */
  restorePaused(ms: number): void {
    this.timeout?.clear();
    this.timeout = null;
    this.pausedMsLeft = ms;
    this.state.isWritingOpen = true;
    this.state.isPaused = true;
    this.state.phaseEndsAt = 0;
    this.state.serverNow = Date.now();
  }

  resume(): void {
    this.state.isPaused = false;
    this.run(this.pausedMsLeft);
    this.onChange();
  }

  private run(ms: number): void {
    this.timeout?.clear();
    this.state.phaseEndsAt = Date.now() + ms;
    this.state.serverNow = Date.now();
    this.timeout = this.clock.setTimeout(() => this.close(), ms);
  }
}
