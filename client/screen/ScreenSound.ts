// Sound for the projector, synthesised with WebAudio (no audio files to ship or license): short
// effects for arrivals, submissions, the reveal, focus and the podium, and a soft lounge loop.
// Both stay silent unless ScreenSettings turns them on; browsers also need a key press or
// click before audio may start, which the toggles themselves are.
import type { ScreenSettings } from "./ScreenSettings.js";

export type SoundEffect = "arrive" | "submit" | "reveal" | "focus" | "scores" | "podium";

/** Hz of a MIDI note number (69 = A4 = 440 Hz). */
const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Each effect as [semitones from its root, start s, length s]; the root is a MIDI note. */
const EFFECTS: Record<SoundEffect, { root: number; wave: OscillatorType; gain: number; notes: Array<[number, number, number]> }> = {
  arrive: { root: 79, wave: "sine", gain: 0.12, notes: [[0, 0, 0.12], [7, 0.07, 0.18]] },
  submit: { root: 84, wave: "triangle", gain: 0.06, notes: [[0, 0, 0.06]] },
  // Every query goes out at once: a quick rising shimmer.
  reveal: { root: 72, wave: "sine", gain: 0.1, notes: [[0, 0, 0.5], [4, 0.06, 0.5], [7, 0.12, 0.5], [11, 0.18, 0.6], [14, 0.24, 0.7], [19, 0.3, 0.9]] },
  focus: { root: 76, wave: "sine", gain: 0.1, notes: [[0, 0, 0.1], [12, 0.05, 0.2]] },
  scores: { root: 67, wave: "triangle", gain: 0.09, notes: [[0, 0, 0.3], [4, 0.1, 0.3], [7, 0.2, 0.5]] },
  podium: { root: 72, wave: "triangle", gain: 0.11, notes: [[0, 0, 0.18], [4, 0.16, 0.18], [7, 0.32, 0.18], [12, 0.48, 0.9], [7, 0.48, 0.9], [4, 0.48, 0.9]] },
};

/** The loop: ii–V–I–VI in C, one bar each (MIDI notes of the pad chord and the bass line). */
const BARS: Array<{ chord: number[]; bass: number[] }> = [
  { chord: [62, 65, 69, 72], bass: [38, 45, 41, 45] }, // Dm7
  { chord: [62, 65, 67, 71], bass: [43, 47, 50, 47] }, // G7
  { chord: [60, 64, 67, 71], bass: [36, 40, 43, 40] }, // Cmaj7
  { chord: [61, 64, 67, 69], bass: [45, 49, 52, 49] }, // A7
];
const BEAT_S = 60 / 84;
/** How far ahead the music scheduler books notes (it wakes every SCHEDULE_MS). */
const LOOKAHEAD_S = 0.6;
const SCHEDULE_MS = 200;
/** Arrivals come in bursts (bots, a class joining together): one chime per this many ms. */
const MIN_GAP_MS: Partial<Record<SoundEffect, number>> = { arrive: 150, submit: 90 };

export class ScreenSound {
  private context: AudioContext | null = null;
  private effectsGain: GainNode | null = null;
  private musicGain: GainNode | null = null;
  private musicTimer: number | null = null;
  private nextBeatAt = 0;
  private beat = 0;
  private lastPlayed = new Map<SoundEffect, number>();

  constructor(private readonly settings: ScreenSettings) {
    settings.events.on("change", () => this.apply());
    // A URL that asked for sound still needs a gesture before the browser lets audio start.
    const unlock = () => void this.context?.resume().catch(() => undefined);
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    this.apply();
  }

  play(effect: SoundEffect): void {
    if (!this.settings.isSoundOn) return;
    const context = this.ensureContext();
    if (!context || !this.effectsGain) return;
    const now = performance.now();
    if (now - (this.lastPlayed.get(effect) ?? -Infinity) < (MIN_GAP_MS[effect] ?? 0)) return;
    this.lastPlayed.set(effect, now);
    const spec = EFFECTS[effect];
    const t0 = context.currentTime + 0.02;
    for (const [semitones, start, length] of spec.notes) this.note(this.effectsGain, spec.wave, hz(spec.root + semitones), t0 + start, length, spec.gain);
  }

  private apply(): void {
    if (this.settings.isSoundOn || this.settings.isMusicOn) this.ensureContext();
    if (this.settings.isMusicOn) this.startMusic();
    else this.stopMusic();
  }

  private ensureContext(): AudioContext | null {
    if (this.context) return this.context;
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) return null;
    this.context = new Context();
    this.effectsGain = this.context.createGain();
    this.effectsGain.gain.value = 0.8;
    this.effectsGain.connect(this.context.destination);
    // The music sits well under the effects and the instructor's voice.
    this.musicGain = this.context.createGain();
    this.musicGain.gain.value = 0.35;
    this.musicGain.connect(this.context.destination);
    return this.context;
  }

  /** One enveloped oscillator: quick attack, exponential decay (no clicks at start or end). */
  private note(out: AudioNode, wave: OscillatorType, frequency: number, at: number, length: number, peak: number): void {
    const context = this.context!;
    const osc = context.createOscillator();
    const env = context.createGain();
    osc.type = wave;
    osc.frequency.value = frequency;
    env.gain.setValueAtTime(0.0001, at);
    env.gain.exponentialRampToValueAtTime(peak, at + 0.015);
    env.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(env).connect(out);
    osc.start(at);
    osc.stop(at + length + 0.05);
  }

  private startMusic(): void {
    const context = this.ensureContext();
    if (!context || this.musicTimer !== null) return;
    this.nextBeatAt = context.currentTime + 0.1;
    this.musicTimer = window.setInterval(() => this.scheduleMusic(), SCHEDULE_MS);
    this.scheduleMusic();
  }

  private stopMusic(): void {
    if (this.musicTimer !== null) window.clearInterval(this.musicTimer);
    this.musicTimer = null;
  }

  /** Books every beat that starts within the lookahead: a bass note, and the pad on each bar's first beat. */
  private scheduleMusic(): void {
    const context = this.context;
    if (!context || !this.musicGain) return;
    while (this.nextBeatAt < context.currentTime + LOOKAHEAD_S) {
      const bar = BARS[Math.floor(this.beat / 4) % BARS.length]!;
      const inBar = this.beat % 4;
      this.note(this.musicGain, "triangle", hz(bar.bass[inBar]!), this.nextBeatAt, BEAT_S * 0.9, 0.16);
      if (inBar === 0) for (const midi of bar.chord) this.note(this.musicGain, "sine", hz(midi), this.nextBeatAt, BEAT_S * 3.8, 0.035);
      // A soft off-beat "brush" on beats 2 and 4.
      if (inBar % 2 === 1) this.note(this.musicGain, "triangle", hz(bar.chord[3]! + 12), this.nextBeatAt + BEAT_S / 2, 0.08, 0.02);
      this.nextBeatAt += BEAT_S;
      this.beat++;
    }
  }
}
