// The phone after the reveal: the student's own attention row. Who it attended to (bars with
// percentages and the name tag its query met there), who attended to it (names and shares: their
// queries stay with them, as they tell their secret needs), what it "heard" (the nearest words of
// its output vector and the values that contributed most), its points with the reason, and its
// rank. The student's own half of the matches — its query, its name tag — heads each list, so
// "query meets name tag" is there to read. Teaching point: query = what I need, key = what I
// offer, value = what I hand over.
import type { ResultPayload, SubmittedPayload } from "../../shared/messages.js";
import { el, percent, rankChange, replaceChildren } from "../lib/dom.js";
import { pointsText } from "../lib/points.js";

/** One row of either list: who, how much, and (when the phone may see it) their name tag. */
interface MatchRow {
  name: string;
  weight: number;
  nameTag?: string;
}

function weightBar(row: MatchRow): HTMLElement {
  const bar = el("span", { class: "bar-fill" });
  bar.style.width = `${Math.max(2, Math.round(row.weight * 100))}%`;
  return el(
    "li",
    { class: "attn-row" },
    el(
      "div",
      { class: "attn-head" },
      el("span", { class: "attn-name", text: row.name }),
      el("span", { class: "attn-pct", text: percent(row.weight) }),
    ),
    row.nameTag ? el("p", { class: "attn-tag" }, el("span", { class: "role-chip", text: "Name tag" }), " ", el("q", { text: row.nameTag })) : null,
    el(
      "span",
      { class: "bar", attrs: { role: "img", "aria-label": `${row.name}: ${percent(row.weight)} of the attention` } },
      bar,
    ),
  );
}

/** The student's own half of the matches ("Your query “…”"); nothing when the phone does not have it. */
function ownText(role: "query" | "key", text: string | undefined): HTMLElement | null {
  if (!text) return null;
  return el("p", { class: `own-text own-${role}` }, el("span", { class: "role-chip", text: role === "query" ? "Your query" : "Your name tag" }), " ", el("q", { text }));
}

function section(title: string, hint: string, ...body: Array<Node | null>): HTMLElement {
  return el("section", { class: "card result-section" }, el("h2", { text: title }), el("p", { class: "muted small", text: hint }), ...body);
}

function guestList(rows: MatchRow[], emptyText: string): HTMLElement {
  if (rows.length === 0) return el("p", { class: "muted", text: emptyText });
  return el("ol", { class: "attn-list" }, ...rows.map(weightBar));
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
  private shown: ResultPayload | "pending" | "satOut" | "watching" | null = null;
  /** Where the heard words go once they arrive (they follow the row by a moment). */
  private heardSlot: HTMLElement | null = null;
  private shownOwn: Pick<SubmittedPayload, "query" | "key"> | null = null;

  constructor() {
    this.body = el("div", { class: "result-body" });
    this.root = el("section", { class: "view view-result", attrs: { "aria-live": "polite" } }, this.body);
    this.showPending();
  }

  /**
   * Reveal started but there is no row for us: on its way (`pending`), never coming because we
   * sent nothing this round (`satOut`), or we joined after the cards were dealt (`watching`).
   */
  showPending(kind: "pending" | "satOut" | "watching" = "pending"): void {
    if (this.shown === kind) return;
    this.shown = kind;
    const [title, line] = {
      pending: ["The reveal!", "Every guest is looking at every other guest at once. Your results are coming…"],
      satOut: ["Watch the big screen", "You didn't send your texts this round, so nobody could pay attention to you. You'll play again in the next round."],
      watching: ["Watch the big screen", "You joined during this round — you'll play in the next one."],
    }[kind];
    replaceChildren(
      this.body,
      el(
        "div",
        { class: "card center" },
        el("div", { class: "glass", attrs: { "aria-hidden": "true" } }),
        el("h1", { text: title }),
        el("p", { class: "muted" }, line),
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

  /** `own`: the texts the room stored for this student (its query and name tag), when the phone has them. */
  show(result: ResultPayload, own: Pick<SubmittedPayload, "query" | "key"> | null = null): void {
    if (this.shown === result && this.shownOwn === own) return;
    this.shown = result;
    this.shownOwn = own;
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
        el("span", { class: `trend trend-${change.trend}`, text: change.inline, attrs: { "aria-label": change.label } }),
        el("span", { class: "muted", text: ` · ${pointsText(result.totalScore)} in total` }),
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
      section(
        "You paid attention to",
        "Your query met each guest's name tag: the better the match, the bigger the share.",
        ownText("query", own?.query),
        guestList(result.attendedTo.map((g) => ({ name: g.name, weight: g.weight, nameTag: g.nameTag })), "No one this time."),
      ),
      section(
        "Who paid attention to you",
        "Their queries met your name tag: the better the match, the more they listened. (Their queries stay private.)",
        ownText("key", own?.key),
        guestList(result.attendedBy.map((g) => ({ name: g.name, weight: g.weight })), "No one looked your way this round — try a clearer name tag."),
      ),
      section("What you heard", "The values you received, mixed by attention weight — these words are closest to the mix.", this.heardSlot, heardValues),
    );
  }
}
