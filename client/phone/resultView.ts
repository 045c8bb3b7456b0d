// The phone after the reveal: the student's own attention row. Who it attended to (bars with
// percentages and their name tags), who attended to it, what it "heard" (the nearest words of
// its output vector and the values that contributed most), its points with the reason, and
// its rank. Teaching point: query = what I need, key = what I offer, value = what I hand over.
import type { AttendedGuest, ResultPayload } from "../../shared/messages.js";
import { el, percent, rankChange, replaceChildren } from "../lib/dom.js";

function weightBar(guest: AttendedGuest): HTMLElement {
  const bar = el("span", { class: "bar-fill" });
  bar.style.width = `${Math.max(2, Math.round(guest.weight * 100))}%`;
  return el(
    "li",
    { class: "attn-row" },
    el(
      "div",
      { class: "attn-head" },
      el("span", { class: "attn-name", text: guest.name }),
      el("span", { class: "attn-pct", text: percent(guest.weight) }),
    ),
    guest.nameTag ? el("p", { class: "attn-tag" }, "Name tag: ", el("q", { text: guest.nameTag })) : null,
    el(
      "span",
      { class: "bar", attrs: { role: "img", "aria-label": `${guest.name}: ${percent(guest.weight)} of the attention` } },
      bar,
    ),
  );
}

function section(title: string, hint: string, ...body: Array<Node | null>): HTMLElement {
  return el("section", { class: "card result-section" }, el("h2", { text: title }), el("p", { class: "muted small", text: hint }), ...body);
}

function guestList(guests: AttendedGuest[], emptyText: string): HTMLElement {
  if (guests.length === 0) return el("p", { class: "muted", text: emptyText });
  return el("ol", { class: "attn-list" }, ...guests.map(weightBar));
}

function heardWordsOf(result: ResultPayload): HTMLElement {
  // The nearest-word search runs after the rows are sent; its words follow in a moment.
  if (result.isHeardPending) return el("p", { class: "muted heard-pending", text: "listening…" });
  if (result.heardWords.length === 0) return el("p", { class: "muted", text: "Nothing clear came through." });
  return el("ul", { class: "chips", attrs: { "aria-label": "Words closest to what you heard" } }, ...result.heardWords.map((w) => el("li", { class: "chip", text: w })));
}

export class ResultView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  /** What is on screen now, so state patches do not rebuild it (and replay the bars). */
  private shown: ResultPayload | "pending" | "watching" | null = null;
  /** Where the heard words go once they arrive (they follow the row by a moment). */
  private heardSlot: HTMLElement | null = null;

  constructor() {
    this.body = el("div", { class: "result-body" });
    this.root = el("section", { class: "view view-result", attrs: { "aria-live": "polite" } }, this.body);
    this.showPending();
  }

  /** Reveal started but our row has not arrived (or we did not play this round). */
  showPending(isPlaying = true): void {
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
        el(
          "p",
          { class: "muted" },
          isPlaying
            ? "Every guest is looking at every other guest at once. Your results are coming…"
            : "You joined during this round — you'll play in the next one.",
        ),
      ),
    );
  }

  /**
   * The same round's result, now with its heard words: only that part changes, so the bars
   * already on screen do not replay. Returns false when the row is not on screen (show() then).
   */
  showHeard(result: ResultPayload): boolean {
    const shown = this.shown;
    if (typeof shown !== "object" || shown === null || shown.roundNumber !== result.roundNumber || !this.heardSlot) return false;
    this.shown = result;
    replaceChildren(this.heardSlot, heardWordsOf(result));
    return true;
  }

  show(result: ResultPayload): void {
    if (this.shown === result) return;
    this.shown = result;
    const change = rankChange(result.rank, result.previousRank);
    const points = el(
      "section",
      { class: "card points-card" },
      el("p", { class: "points", text: `+${Math.round(result.points)}` }),
      el("p", { class: "points-label", text: "points this round" }),
      el("p", { class: "reason", text: result.pointsReason }),
      el(
        "p",
        { class: "rank-line" },
        el("span", { class: "rank", text: `#${result.rank}` }),
        el("span", { class: `trend trend-${change.trend}`, text: change.text, attrs: { "aria-label": change.label } }),
        el("span", { class: "muted", text: ` · ${Math.round(result.totalScore)} points in total` }),
      ),
    );

    this.heardSlot = el("div", { class: "heard-words" }, heardWordsOf(result));
    const heardValues = el(
      "ul",
      { class: "heard-values" },
      ...result.heardValues.map((v) =>
        el(
          "li",
          {},
          el("q", { text: v.value }),
          el("span", { class: "muted small" }, ` — ${v.name}, ${percent(v.weight)}`),
        ),
      ),
    );

    replaceChildren(
      this.body,
      points,
      section("You paid attention to", "Your query met their name tags: the better the match, the bigger the share.", guestList(result.attendedTo, "No one this time.")),
      section("Who paid attention to you", "Guests whose query matched your name tag.", guestList(result.attendedBy, "No one looked your way this round — try a clearer name tag.")),
      section("What you heard", "The values you received, mixed by attention weight — these words are closest to the mix.", this.heardSlot, heardValues),
    );
  }
}
