// Underlines, inside a textarea, the words the model has never seen, and words the hint under
// the field. A textarea cannot style its own text, so an aria-hidden copy of the text with the
// unknown words marked sits exactly behind it (same box, font and wrapping) and shows through.
import { WORD_PATTERN } from "../../shared/text.js";
import { el, replaceChildren } from "../lib/dom.js";

export interface TextSegment {
  text: string;
  isUnknown: boolean;
}

/** `text` cut into runs, the words in `unknown` (spelled as tokenize() spells them) marked. */
export function markUnknownWords(text: string, unknown: ReadonlySet<string>): TextSegment[] {
  const segments: TextSegment[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(WORD_PATTERN)) {
    const token = match[0].toLowerCase().normalize("NFC").replace("’", "'");
    if (!unknown.has(token)) continue;
    const start = match.index ?? 0;
    if (start > plainFrom) segments.push({ text: text.slice(plainFrom, start), isUnknown: false });
    segments.push({ text: match[0], isUnknown: true });
    plainFrom = start + match[0].length;
  }
  if (plainFrom < text.length) segments.push({ text: text.slice(plainFrom), isUnknown: false });
  return segments;
}

/** "the model has never seen “xyz” — it will be ignored", for one word or several. */
export function unknownWordsHint(words: readonly string[]): string {
  if (words.length === 0) return "";
  const quoted = words.map((w) => `“${w}”`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
  return `The model has never seen ${list} — ${words.length === 1 ? "it" : "they"} will be ignored.`;
}

/** A textarea with the underlay behind it; `root` replaces the bare textarea in the form. */
export class UnderlinedTextarea {
  readonly root: HTMLElement;
  private readonly underlay: HTMLElement;
  private unknown: ReadonlySet<string> = new Set();

  constructor(readonly input: HTMLTextAreaElement) {
    this.underlay = el("div", { class: "word-underlay", attrs: { "aria-hidden": "true" } });
    this.root = el("div", { class: "textarea-wrap" }, this.underlay, input);
    input.addEventListener("input", () => this.render());
    input.addEventListener("scroll", () => (this.underlay.scrollTop = input.scrollTop));
  }

  setUnknown(unknown: ReadonlySet<string>): void {
    this.unknown = unknown;
    this.render();
  }

  /** Grows the field with its text (no inner scrollbar, which would also shift the underlay). */
  fitHeight(): void {
    if (!this.input.offsetParent) return; // hidden: nothing to measure
    const borders = this.input.offsetHeight - this.input.clientHeight;
    this.input.style.height = "auto";
    this.input.style.height = `${this.input.scrollHeight + borders}px`;
  }

  private render(): void {
    const segments = markUnknownWords(this.input.value, this.unknown);
    // The trailing space keeps a final line break from collapsing, as the textarea keeps it.
    replaceChildren(this.underlay, ...segments.map((s) => (s.isUnknown ? el("mark", { class: "unknown-word", text: s.text }) : s.text)), " ");
    this.fitHeight();
  }
}
