// The writing phase on the phone: the three prompts (query, name tag, value) with an example
// each and honest length counters, the countdown, the words the model has never seen
// underlined while the student types (the encoder ignores them, and the student should know),
// "Paused" in the countdown's place (with a line saying writing goes on: the room still takes
// texts) while the instructor has stopped the clock, and after submitting, the texts the room
// stored. In the sentence and heads rounds the same form speaks for the student's word (setSeat):
// what does “it” need, what does it offer, and the value is optional — left empty, the word
// itself is what it hands over. Every keystroke is reported (onDraft) so the page can keep a
// draft; restoreDraft puts one back after a reload.
import type { CardPayload, ErrorPayload, SubmittedPayload } from "../../shared/messages.js";
import type { SubmitPayload } from "../../shared/protocol.js";
import type { SeatPayload } from "../../shared/sentenceRound.js";
import { cleanText, TEXT_LIMITS } from "../../shared/text.js";
import { el, replaceChildren, setText, show } from "../lib/dom.js";
import { showCountdown } from "./countdown.js";
import type { UnknownWordChecker } from "../net/unknownWords.js";
import { CardView } from "./cardView.js";
import { seatCard } from "./seatView.js";
import { UnderlinedTextarea, unknownWordsHint } from "./wordHints.js";

type FieldName = keyof SubmitPayload;

interface FieldSpec {
  name: FieldName;
  title: string;
  role: string;
  example: string;
  /** Visible lines; every field is a textarea so a phone shows the whole text. */
  rows: number;
}

const FIELDS: FieldSpec[] = [
  { name: "query", title: "What do I need?", role: "Query", example: "Who can help me move?", rows: 2 },
  { name: "key", title: "What can I offer?", role: "Name tag", example: "Has a truck", rows: 2 },
  { name: "value", title: "My actual useful content", role: "Value", example: "I can come at 9am, I'll bring boxes", rows: 3 },
];

/** The prompts when the student plays a word of a sentence; examples use words of another sentence, so nothing is given away. */
function seatPrompts(word: string): Record<FieldName, { title: string; example: string }> {
  return {
    query: { title: `What does “${word}” need?`, example: "for “chased”: who did the chasing? an animal" },
    key: { title: `What does “${word}” offer?`, example: "for “dog”: an animal, the one who acts" },
    value: { title: "What it hands over (optional)", example: `leave it empty and “${word}” itself is handed over` },
  };
}

interface FieldControls {
  input: HTMLTextAreaElement;
  title: HTMLElement;
  example: HTMLElement;
  underlined: UnderlinedTextarea;
  counter: HTMLElement;
  error: HTMLElement;
  unknownHint: HTMLElement;
  checkTimer?: ReturnType<typeof setTimeout>;
}

/** Quiet time after the last keystroke before asking the server about new words. */
const CHECK_DEBOUNCE_MS = 400;

export class WriteView {
  readonly root: HTMLElement;
  private readonly card = new CardView(true);
  private readonly heading = el("h1", { text: "Write your guest" });
  private readonly seatSlot = el("div", { class: "seat-slot" });
  private readonly doneNote = el("p", { class: "muted", text: "Watch the big screen: everyone's attention is computed at the reveal." });
  /** Sentence and heads rounds: the word this student plays (null: a party round's guest). */
  private seat: SeatPayload | null = null;
  private seatSignature = "";
  private readonly timer: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly fields = new Map<FieldName, FieldControls>();
  private readonly formError: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly done: HTMLElement;
  private readonly doneDetails: HTMLElement;
  private readonly doneTexts: HTMLElement;
  private readonly editButton: HTMLButtonElement;
  private readonly closedNote: HTMLElement;
  private readonly draftNote = el("p", { class: "draft-note", attrs: { role: "status" } });
  /** The instructor stopped the clock: the room still takes texts, so the student keeps writing. */
  private readonly pauseNote = el("p", { class: "pause-note", attrs: { role: "status" } });
  private isSubmitted = false;
  private isOpen = true;
  private isPaused = false;
  /** The student reopened the form after submitting; the room still says hasSubmitted. */
  private isEditing = false;

  constructor(
    private readonly onSubmit: (payload: SubmitPayload) => boolean,
    private readonly wordChecker: UnknownWordChecker,
    private readonly onDraft: (texts: SubmitPayload) => void = () => undefined,
  ) {
    this.timer = el("p", { class: "timer", attrs: { role: "timer", "aria-live": "off" } });
    this.formError = el("p", { class: "form-error", attrs: { role: "alert" } });
    this.submitButton = el("button", { class: "btn btn-primary btn-block", text: "Send to the party", attrs: { type: "submit" } });
    this.form = el("form", { class: "write-form", attrs: { novalidate: true, "aria-label": "Your guest texts" } });
    this.form.appendChild(this.draftNote);
    for (const spec of FIELDS) this.form.appendChild(this.buildField(spec));
    this.form.append(this.formError, this.submitButton);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });

    this.doneTexts = el("dl", { class: "submitted-texts" });
    this.doneDetails = el("div", { class: "unknown-words" });
    this.editButton = el("button", { class: "btn btn-ghost", text: "Change my answers", attrs: { type: "button" } });
    this.editButton.addEventListener("click", () => {
      this.isEditing = true;
      this.setSubmitted(false);
    });
    this.done = el(
      "section",
      { class: "card done-card", attrs: { "aria-live": "polite" } },
      el("p", { class: "big-check", text: "✓", attrs: { "aria-hidden": "true" } }),
      el("h2", { text: "Submitted!" }),
      this.doneNote,
      this.doneTexts,
      this.doneDetails,
      this.editButton,
    );
    this.closedNote = el("p", { class: "card notice", text: "Time's up — writing is closed. Waiting for the reveal…" });

    this.root = el(
      "section",
      { class: "view view-write" },
      el("div", { class: "write-head" }, this.heading, this.timer),
      this.pauseNote,
      this.card.root,
      this.seatSlot,
      this.closedNote,
      this.form,
      this.done,
    );
    this.setSubmitted(false);
  }

  setCard(card: CardPayload | null): void {
    this.card.set(card);
  }

  /** The word this student plays (sentence and heads rounds), or null for a party round's form. */
  setSeat(seat: SeatPayload | null): void {
    const signature = JSON.stringify(seat);
    if (signature === this.seatSignature) return;
    this.seatSignature = signature;
    this.seat = seat;
    show(this.card.root, seat === null);
    show(this.seatSlot, seat !== null);
    replaceChildren(this.seatSlot, seat ? seatCard(seat, true) : null);
    setText(this.heading, seat ? `Write for “${seat.word}”` : "Write your guest");
    setText(this.doneNote, seat ? "Watch the big screen: every word's attention at your table is computed at the reveal." : "Watch the big screen: everyone's attention is computed at the reveal.");
    const prompts = seat ? seatPrompts(seat.word) : null;
    for (const spec of FIELDS) {
      const controls = this.fields.get(spec.name)!;
      setText(controls.title, prompts?.[spec.name].title ?? spec.title);
      setText(controls.example, prompts?.[spec.name].example ?? spec.example);
    }
    this.setSubmitted(this.isSubmitted);
  }

  /**
   * What the student had typed before a reload, back in the fields. After a submission it is an
   * edit not yet sent: the form opens again ("Change my answers") with it, the room's copy stands
   * until it is sent.
   */
  restoreDraft(texts: SubmitPayload): void {
    for (const spec of FIELDS) {
      const controls = this.fields.get(spec.name)!;
      controls.input.value = texts[spec.name];
      this.markField(spec.name, "");
      if (texts[spec.name]) this.scheduleWordCheck(spec.name);
    }
    this.updateCounters();
    const isEdit = this.isSubmitted;
    setText(this.draftNote, isEdit ? "Your changes were not sent yet — here they are. Send them to replace what the party has." : "Welcome back — what you were writing is still here.");
    if (isEdit) {
      this.isEditing = true;
      this.setSubmitted(false);
    } else {
      this.render();
    }
  }

  /** The fields as typed (not yet cleaned). */
  private typedTexts(): SubmitPayload {
    return { query: this.fields.get("query")!.input.value, key: this.fields.get("key")!.input.value, value: this.fields.get("value")!.input.value };
  }

  /** A new round: empty form, nothing submitted. */
  reset(): void {
    setText(this.draftNote, "");
    for (const [name, controls] of this.fields) {
      controls.input.value = "";
      clearTimeout(controls.checkTimer);
      this.showUnknown(name, []);
      this.markField(name, "");
    }
    setText(this.formError, "");
    this.updateCounters();
    this.isEditing = false;
    this.setSubmitted(false);
  }

  /** The countdown; while the instructor has paused it (no end time then) it reads "Paused". */
  setTimer(secondsLeft: number | null, isPaused = this.isPaused): void {
    showCountdown(this.timer, secondsLeft, isPaused);
  }

  /**
   * Writing open/closed (timer ran out or the host ended it), whether the room has our texts, and
   * whether the instructor paused the clock (the room still accepts texts meanwhile).
   */
  setWritingState(isOpen: boolean, hasSubmitted: boolean, isPaused = false): void {
    this.isOpen = isOpen;
    const wasPaused = this.isPaused;
    this.isPaused = isOpen && isPaused;
    if (this.isPaused && !wasPaused) this.setTimer(null); // at once, not at the next tick
    if (hasSubmitted && !this.isSubmitted && !this.isEditing) this.setSubmitted(true);
    this.render();
  }

  showSubmitted(payload: SubmittedPayload): void {
    // The room's copy is the truth (cleaned, and it survives a reload): show it, and start
    // from it when the student taps "Change my answers".
    replaceChildren(
      this.doneTexts,
      ...FIELDS.flatMap((spec) => [el("dt", { class: `role-${spec.name}`, text: spec.role }), el("dd", { text: payload[spec.name] })]),
    );
    for (const spec of FIELDS) {
      const controls = this.fields.get(spec.name)!;
      controls.input.value = payload[spec.name];
      this.showUnknown(spec.name, payload.unknownWords[spec.name] ?? []);
    }
    this.updateCounters();
    replaceChildren(this.doneDetails);
    for (const spec of FIELDS) {
      for (const word of payload.unknownWords[spec.name] ?? []) {
        this.doneDetails.appendChild(
          el("p", { class: "unknown" }, `${spec.role}: the model has never seen “${word}” — it will be ignored.`),
        );
      }
    }
    if (!this.doneDetails.hasChildNodes()) {
      this.doneDetails.appendChild(el("p", { class: "known", text: "The model knows every word you wrote." }));
    }
    this.isEditing = false;
    setText(this.draftNote, "");
    this.setSubmitted(true);
  }

  showError(error: ErrorPayload): void {
    this.setSubmitted(false);
    setText(this.formError, error.message);
    for (const name of error.fields ?? []) {
      // A field the room refused although it holds text: none of it is a word the model reads (emoji, another script).
      const hasText = (this.fields.get(name as FieldName)?.input.value.trim() ?? "") !== "";
      this.markField(name, hasText ? "The model reads none of these as words." : "Write something here.");
    }
  }

  private buildField(spec: FieldSpec): HTMLElement {
    const id = `field-${spec.name}`;
    const limit = TEXT_LIMITS[spec.name];
    const common = {
      id,
      name: spec.name,
      maxlength: limit,
      autocomplete: "off",
      "aria-describedby": `${id}-hint ${id}-count ${id}-unknown ${id}-error`,
    };
    const input = el("textarea", { attrs: { ...common, rows: spec.rows, enterkeyhint: spec.name === "value" ? "send" : "next" } });
    const title = el("span", { class: "field-title", text: spec.title });
    const example = el("q", { text: spec.example });
    const underlined = new UnderlinedTextarea(input);
    const counter = el("span", { class: "counter", attrs: { id: `${id}-count` } });
    const error = el("p", { class: "field-error", attrs: { id: `${id}-error` } });
    const unknownHint = el("p", { class: "unknown-hint", attrs: { id: `${id}-unknown`, "aria-live": "polite" } });
    input.addEventListener("input", () => {
      this.markField(spec.name, "");
      setText(this.formError, "");
      this.updateCounters();
      this.scheduleWordCheck(spec.name);
      this.onDraft(this.typedTexts());
    });
    // The texts are one line each: Enter moves on (and sends from the last field).
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      const next = FIELDS[FIELDS.indexOf(spec) + 1];
      if (next) this.fields.get(next.name)?.input.focus();
      else this.form.requestSubmit();
    });
    this.fields.set(spec.name, { input, title, example, underlined, counter, error, unknownHint });
    this.updateCounter(spec.name);
    return el(
      "div",
      { class: `field field-${spec.name}` },
      el(
        "div",
        { class: "label-row" },
        el("label", { attrs: { for: id } }, el("span", { class: "role-chip", text: spec.role }), title),
        counter,
      ),
      underlined.root,
      unknownHint,
      el("p", { class: "hint", attrs: { id: `${id}-hint` } }, "Example: ", example),
      error,
    );
  }

  /** Asks about new words once the student pauses; a stale answer (text changed since) is dropped. */
  private scheduleWordCheck(name: FieldName): void {
    const controls = this.fields.get(name)!;
    clearTimeout(controls.checkTimer);
    controls.checkTimer = setTimeout(() => {
      const text = controls.input.value;
      void this.wordChecker.unknownIn(text).then((unknown) => {
        if (unknown && controls.input.value === text) this.showUnknown(name, unknown);
      });
    }, CHECK_DEBOUNCE_MS);
  }

  private showUnknown(name: FieldName, words: readonly string[]): void {
    const controls = this.fields.get(name)!;
    controls.underlined.setUnknown(new Set(words));
    setText(controls.unknownHint, unknownWordsHint(words));
  }

  private updateCounters(): void {
    for (const name of this.fields.keys()) this.updateCounter(name);
  }

  private updateCounter(name: FieldName): void {
    const controls = this.fields.get(name);
    if (!controls) return;
    const limit = TEXT_LIMITS[name];
    // Count what the server will keep (cleaned, by code point), not raw UTF-16 units.
    const length = Array.from(cleanText(controls.input.value, Number.MAX_SAFE_INTEGER)).length;
    setText(controls.counter, `${length}/${limit}`);
    controls.counter.classList.toggle("near-limit", length >= limit * 0.9);
  }

  private markField(name: FieldName, message: string): void {
    const controls = this.fields.get(name);
    if (!controls) return;
    setText(controls.error, message);
    if (message) controls.input.setAttribute("aria-invalid", "true");
    else controls.input.removeAttribute("aria-invalid");
  }

  private submit(): void {
    const payload: SubmitPayload = { query: "", key: "", value: "" };
    let firstEmpty: FieldName | null = null;
    for (const spec of FIELDS) {
      const controls = this.fields.get(spec.name)!;
      payload[spec.name] = cleanText(controls.input.value, TEXT_LIMITS[spec.name]);
      // A word's value may stay empty: the room hands over the word itself.
      const isOptional = this.seat !== null && spec.name === "value";
      if (!payload[spec.name] && !isOptional) {
        this.markField(spec.name, "Write something here.");
        firstEmpty ??= spec.name;
      }
    }
    if (firstEmpty) {
      setText(this.formError, this.seat ? "Fill in the query and the name tag." : "Fill in all three fields.");
      this.fields.get(firstEmpty)?.input.focus();
      return;
    }
    setText(this.formError, "");
    if (!this.onSubmit(payload)) {
      setText(this.formError, "You're offline — we'll keep your text; try again in a moment.");
      return;
    }
    this.submitButton.disabled = true;
    setText(this.submitButton, "Sending…");
  }

  private setSubmitted(isSubmitted: boolean): void {
    this.isSubmitted = isSubmitted;
    this.submitButton.disabled = false;
    setText(this.submitButton, this.seat ? `Send “${this.seat.word}”` : "Send to the party");
    this.render();
  }

  private render(): void {
    show(this.form, !this.isSubmitted && this.isOpen);
    if (!this.form.hidden) for (const controls of this.fields.values()) controls.underlined.fitHeight();
    show(this.done, this.isSubmitted);
    show(this.editButton, this.isSubmitted && this.isOpen);
    show(this.closedNote, !this.isOpen && !this.isSubmitted);
    show(this.timer, this.isOpen);
    show(this.pauseNote, this.isOpen && this.isPaused);
    setText(
      this.pauseNote,
      !this.isPaused
        ? ""
        : this.isSubmitted
          ? "Paused by the instructor — the clock has stopped. You can still change your answers."
          : "Paused by the instructor — the clock has stopped. Keep writing: you can still send.",
    );
  }
}
