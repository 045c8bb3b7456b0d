// The phone after the reveal of a sentence or heads round: "you attended to … the key says …" —
// the student's word's attention as bars (the key's targets ticked), what the scenario's answer
// key says the word should look at, the share of attention that landed there, the points and
// why, the team's score in a heads round, and the rank.
import type { SeatPayload, SentenceResultPayload } from "../../shared/sentenceRound.js";
import { el, percent, rankChange, replaceChildren } from "../lib/dom.js";
import { headChip, markedSentence, type WordMarks } from "./seatView.js";
import { pointsText } from "../lib/points.js";

/** "“cat”", "“cat” or “mat”" (any counts), "“cat” (50 %) and “mat” (50 %)" (a split, each up to its share). */
export function keyLine(targets: SentenceResultPayload["keyTargets"], isShared = false): string {
  const names = targets.map((t) => (isShared ? `“${t.word}” (${Math.round(t.share * 100)} %)` : `“${t.word}”`));
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${isShared ? "and" : "or"} ${names[names.length - 1]}`;
}

function bar(word: string, weight: number, isKey: boolean): HTMLElement {
  const fill = el("span", { class: "bar-fill" });
  fill.style.width = `${Math.max(2, Math.round(weight * 100))}%`;
  return el(
    "li",
    { class: `attn-row${isKey ? " is-key" : ""}` },
    el(
      "div",
      { class: "attn-head" },
      el("span", { class: "attn-name" }, `“${word}”`, isKey ? el("span", { class: "key-tick", text: " ✓ the key" }) : null),
      el("span", { class: "attn-pct", text: percent(weight) }),
    ),
    el("span", { class: "bar", attrs: { role: "img", "aria-label": `${percent(weight)} of your attention on “${word}”${isKey ? ", a word the key names" : ""}` } }, fill),
  );
}

export class SentenceResultView {
  readonly root: HTMLElement;
  private readonly body = el("div", { class: "result-body" });
  private shown: SentenceResultPayload | string | null = null;

  constructor() {
    this.root = el("section", { class: "view view-sentence-result", attrs: { "aria-live": "polite" } }, this.body);
  }

  showPending(isPlaying: boolean): void {
    const kind = isPlaying ? "pending" : "watching";
    if (this.shown === kind) return;
    this.shown = kind;
    replaceChildren(
      this.body,
      el(
        "div",
        { class: "card center" },
        el("div", { class: "glass", attrs: { "aria-hidden": "true" } }),
        el("h1", { text: isPlaying ? "The reveal!" : "Watch the big screen" }),
        el("p", { class: "muted", text: isPlaying ? "Every word at your table looks at every other word at once. Your result is coming…" : "You joined during this round — you'll play the next one." }),
      ),
    );
  }

  /** `seat`: the same round's seat, for the sentence as written (else the words are joined). */
  show(result: SentenceResultPayload, seat: SeatPayload | null): void {
    if (this.shown === result) return;
    this.shown = result;
    const change = rankChange(result.rank, result.previousRank);
    const keyPositions = new Set(result.keyTargets.map((t) => t.position));
    const word = `“${result.word}”`;
    const hasKey = result.keyTargets.length > 0;
    const isScored = result.keyMass !== null;
    // No targets but scored: other words' keys name this one, so its name tag's job is to be found.
    const isFound = !hasKey && isScored;
    const mass = result.keyMass ?? 0;
    const verdict = !isScored ? "none" : mass >= 0.5 ? "right" : mass > 0 ? "partly" : "wrong";

    const points = el(
      "section",
      { class: `card points-card verdict-${verdict}` },
      el("p", { class: "points", text: `+${Math.round(result.points)}` }),
      el("p", { class: "points-label", text: "points this round" }),
      el("p", { class: "reason", text: result.pointsReason }),
      result.teamScore !== null && result.head !== null
        ? el("p", { class: "team-score-line" }, el("strong", { text: `Team score: ${Math.round(result.teamScore)}` }), el("span", { class: "muted", text: ` — head ${result.head + 1}'s average` }))
        : null,
      el(
        "p",
        { class: "rank-line" },
        el("span", { class: "rank", text: `#${result.rank}` }),
        el("span", { class: `trend trend-${change.trend}`, text: change.inline, attrs: { "aria-label": change.label } }),
        el("span", { class: "muted", text: ` · ${pointsText(result.totalScore)} in total` }),
      ),
    );

    const marks: WordMarks = new Map();
    for (const p of keyPositions) marks.set(p, "is-key");
    const top = result.attendedTo[0];
    if (top && !keyPositions.has(top.position)) marks.set(top.position, "is-top");
    marks.set(result.position, "is-me");
    const sameSeat = seat?.roundNumber === result.roundNumber ? seat : null;
    const words = sameSeat?.words ?? [];

    const attended = el(
      "section",
      { class: "card result-section" },
      el("h2", { text: `You attended to…` }),
      el("p", { class: "muted small", text: `Your query for ${word} met the other words' name tags: the better the match, the bigger the share.` }),
      sameSeat ? markedSentence(sameSeat.sentence, words, marks, "seat-sentence result-sentence") : null,
      result.head !== null && result.headQuestion ? headChip(result.head, result.headQuestion) : null,
      result.attendedTo.length > 0
        ? el("ol", { class: "attn-list" }, ...result.attendedTo.map((a) => bar(a.word, a.weight, keyPositions.has(a.position))))
        : el("p", { class: "muted", text: "Your attention spread out: no word stood out." }),
    );

    let keyText: HTMLElement;
    let massText: HTMLElement | null = null;
    let lesson: string;
    if (hasKey) {
      const isShared = result.isKeyShared === true;
      keyText = el("p", { class: "key-line" }, `${word} should ${isShared ? "split its attention between" : "attend to"} `, el("strong", { text: keyLine(result.keyTargets, isShared) }), ".");
      if (isScored) {
        massText = isShared
          ? el("p", { class: "key-mass" }, "Each counts up to its share, so the key scores ", el("strong", { text: percent(mass) }), " of your attention.")
          : el("p", { class: "key-mass" }, "You put ", el("strong", { text: percent(mass) }), " of your attention there.");
      }
      lesson = verdict === "right" ? "Your query found the right name tag — that is attention doing its job." : "Next time: ask in your query for what the key's word offers, in its own words.";
    } else if (isFound) {
      keyText = el("p", { class: "key-line" }, `${word} has nothing to look for here — other words should `, el("strong", { text: `find ${word}` }), ".");
      massText = el("p", { class: "key-mass" }, "They gave you ", el("strong", { text: percent(mass) }), " of the attention the key asks for.");
      lesson = verdict === "right" ? "Your name tag offered exactly what they were looking for." : "Next time: make your name tag offer what the other words need from you.";
    } else {
      keyText = el("p", { class: "key-line", text: `The key has no link for ${word} in this round, so there was nothing to score.` });
      lesson = "Some words have nothing to look for in a question: a real model sends their attention to a start token, its “attention sink”.";
    }
    const key = el(
      "section",
      { class: `card key-card${isScored ? "" : " no-key"}` },
      el("h2", { text: "…the key says" }),
      keyText,
      massText,
      el("p", { class: "muted small", text: lesson }),
    );
    replaceChildren(this.body, points, attended, key);
  }
}
