// The phone's countdown pill, shared by the writing form and the model round's question:
// "1:23 left", red in the last ten seconds, "Paused" while the instructor has stopped the clock.
import { setText } from "../lib/dom.js";
import { formatSeconds } from "../lib/serverClock.js";

export function showCountdown(timer: HTMLElement, secondsLeft: number | null, isPaused: boolean): void {
  setText(timer, isPaused ? "Paused" : secondsLeft === null ? "" : `${formatSeconds(secondsLeft)} left`);
  timer.classList.toggle("urgent", !isPaused && secondsLeft !== null && secondsLeft <= 10);
  timer.classList.toggle("is-paused", isPaused);
}
