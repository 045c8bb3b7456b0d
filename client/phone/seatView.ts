// The phone in the sentence and heads rounds before writing: "You are the word “it” in: The cat
// sat on the mat because it was tired" with the word highlighted, the table, the team's head
// question in its colour and shape (heads round), the scenario's hint, and the tablemates in
// sentence order (words the model plays marked "played by the model"). Also the compact seat card
// pinned above the writing form.
import type { SeatPayload, SeatView } from "../../shared/sentenceRound.js";
import { el, replaceChildren, setText } from "../lib/dom.js";
import { headCss, headGlyph } from "../lib/headStyle.js";
import { sentenceSegments } from "./sentenceSegments.js";

/** Classes to put on words of the sentence, by position. */
export type WordMarks = Map<number, string>;

/** The sentence as written, the words marked by position (the scenario's words are the tokens, no "<s>"). */
export function markedSentence(sentence: string, words: readonly string[], marks: WordMarks, cls = "seat-sentence"): HTMLElement {
  const root = el("p", { class: cls });
  for (const part of sentenceSegments(sentence, words)) {
    const mark = part.tokenIndex === null ? undefined : marks.get(part.tokenIndex);
    if (!mark) root.append(part.text);
    else root.append(el(mark.includes("is-me") ? "mark" : "span", { class: mark, text: part.text, attrs: { "data-position": part.tokenIndex ?? undefined } }));
  }
  return root;
}

/** "Table 2 of 3", or "" when there is only one. */
export function tableLine(seat: Pick<SeatPayload, "tableIndex" | "tableCount">): string {
  return seat.tableCount > 1 ? `Table ${seat.tableIndex + 1} of ${seat.tableCount}` : "";
}

/** The team's head in its colour and shape: "▲ Head 3 · Positive or negative?". */
export function headChip(head: number, question: string): HTMLElement {
  const chip = el("p", { class: "team-chip" }, el("span", { class: "team-glyph", text: headGlyph(head), attrs: { "aria-hidden": "true" } }), ` Your team: head ${head + 1} · ${question}`);
  chip.style.setProperty("--head", headCss(head));
  return chip;
}

function mateRow(mate: SeatView, words: readonly string[], isMe: boolean): HTMLElement {
  return el(
    "li",
    { class: `mate${isMe ? " is-me" : ""}${mate.isModel ? " is-model" : ""}` },
    el("span", { class: "mate-word", text: words[mate.position] ?? mate.word }),
    isMe
      ? el("span", { class: "mate-name", text: "you" })
      : mate.isModel
        ? el("span", { class: "mate-name model-badge", text: "played by the model" })
        : el("span", { class: "mate-name", text: mate.name ?? "a classmate" }),
  );
}

/** The seat's card: who I am in the sentence, my table and team, my hint. `isCompact` above the form. */
export function seatCard(seat: SeatPayload, isCompact: boolean): HTMLElement {
  const marks: WordMarks = new Map([[seat.position, "is-me"]]);
  const word = seat.word;
  const table = tableLine(seat);
  return el(
    "section",
    { class: `card seat-card${isCompact ? " compact" : ""}`, attrs: { "aria-label": "Your word" } },
    el("p", { class: "seat-lead" }, "You are the word ", el("strong", { class: "seat-word", text: `“${word}”` }), " in:"),
    markedSentence(seat.sentence, seat.words, marks),
    seat.head !== null && seat.headQuestion ? headChip(seat.head, seat.headQuestion) : null,
    seat.hint ? el("p", { class: "seat-hint" }, el("span", { class: "seat-hint-label", text: "Hint " }), seat.hint) : null,
    // Above the form the table is named once, here; in the brief the tablemates' card names it.
    table && isCompact ? el("p", { class: "muted small table-line", text: table }) : null,
  );
}

export class SeatBriefView {
  readonly root: HTMLElement;
  private readonly title = el("h1");
  private readonly body = el("div", { class: "result-body" });
  private signature = "";

  constructor() {
    this.root = el("section", { class: "view view-seat" }, this.title, this.body);
  }

  /** `seat` null: still on its way, or the student watches this round (`isPlaying` false). */
  update(seat: SeatPayload | null, isPlaying: boolean, roundType: string): void {
    const signature = JSON.stringify([seat, isPlaying, roundType]);
    if (signature === this.signature) return;
    this.signature = signature;
    setText(this.title, roundType === "heads" ? "Heads teams" : "Be a sentence");
    if (!isPlaying || !seat) {
      replaceChildren(
        this.body,
        el(
          "div",
          { class: "card center" },
          el("div", { class: "glass", attrs: { "aria-hidden": "true" } }),
          el("p", { class: "lead", text: isPlaying ? "Finding your seat in the sentence…" : "Watch the big screen" }),
          el("p", { class: "muted", text: isPlaying ? "Every student becomes one word." : "You joined during this round — you'll play the next one." }),
        ),
      );
      return;
    }
    const mates = [...seat.tablemates, { position: seat.position, word: seat.word, guestId: null, name: null, isModel: false }].sort((a, b) => a.position - b.position);
    const modelCount = seat.tablemates.filter((m) => m.isModel).length;
    replaceChildren(
      this.body,
      seatCard(seat, false),
      el(
        "section",
        { class: "card" },
        el("h2", { text: tableLine(seat) ? `Your table (${tableLine(seat).toLowerCase()})` : "Your table" }),
        el("p", { class: "muted small", text: modelCount > 0 ? "Not enough students for every word: the trained model plays the rest." : "Every word at your table is a classmate." }),
        el("ol", { class: "mates" }, ...mates.map((m) => mateRow(m, seat.words, m.position === seat.position))),
      ),
      el(
        "section",
        { class: "card" },
        el("p", { class: "small" }, "Writing starts in a moment. You'll say what ", el("strong", { text: `“${seat.word}”` }), " needs from the other words (query) and what it offers them (name tag)."),
      ),
    );
  }
}
