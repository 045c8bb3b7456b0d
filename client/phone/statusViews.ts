// The phone's simple screens: waiting in the lobby, reading the card during the brief, the
// leaderboard position (scores), the final rank (ended) and "connection closed".
import type { CardPayload } from "../../shared/messages.js";
import type { GuestView } from "../../shared/roomState.js";
import { el, rankChange, replaceChildren, setText, show } from "../lib/dom.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { CardView } from "./cardView.js";
import { pointsText } from "../lib/points.js";

export class LobbyView {
  readonly root: HTMLElement;
  private readonly title = el("h1");
  private readonly count = el("p", { class: "guest-count" });

  constructor() {
    this.root = el(
      "section",
      { class: "view view-lobby" },
      el(
        "div",
        { class: "card center" },
        el("div", { class: "glass", attrs: { "aria-hidden": "true" } }),
        this.title,
        el("p", { class: "muted", text: "Waiting for the instructor to start the party…" }),
        this.count,
      ),
      el(
        "section",
        { class: "card tips" },
        el("h2", { text: "How the party works" }),
        el(
          "ul",
          {},
          el("li", {}, el("strong", { text: "Query" }), " — what you need."),
          el("li", {}, el("strong", { text: "Name tag" }), " (key) — what you can offer."),
          el("li", {}, el("strong", { text: "Value" }), " — what you actually hand over."),
        ),
        el("p", { class: "muted small", text: "Everyone looks at everyone at once and decides who is relevant right now. That's attention." }),
      ),
    );
  }

  update(snapshot: PartySnapshot, me: GuestView | undefined): void {
    setText(this.title, me ? `You're in, ${me.name}!` : "You're in!");
    const n = snapshot.guestCount;
    setText(this.count, `${n} ${n === 1 ? "guest" : "guests"} at the party`);
  }
}

export class BriefView {
  readonly root: HTMLElement;
  private readonly card = new CardView();
  private readonly note = el("p", { class: "muted" });

  constructor() {
    this.root = el(
      "section",
      { class: "view view-brief" },
      el("h1", { text: "Your secret card" }),
      this.card.root,
      el(
        "div",
        { class: "card" },
        el("p", { text: "Somebody at this party has what you need, and somebody needs what you offer." }),
        this.note,
      ),
    );
  }

  update(card: CardPayload | null, isPlaying: boolean): void {
    this.card.set(card);
    show(this.card.root, isPlaying);
    setText(
      this.note,
      isPlaying
        ? "Keep it secret! Writing starts in a moment: you'll describe your need and your offer in your own words."
        : "You joined during this round — watch the big screen; you'll get a card next round.",
    );
  }
}

/** Scores phase (position on the leaderboard) and ended phase (final rank). */
export class ScoresView {
  readonly root: HTMLElement;
  private readonly body = el("div");
  private signature = "";

  constructor() {
    this.root = el("section", { class: "view view-scores", attrs: { "aria-live": "polite" } }, this.body);
  }

  update(snapshot: PartySnapshot, me: GuestView | undefined): void {
    const isFinal = snapshot.phase === "ended";
    // A phone sees the top of the board and itself, not every guest (see shared/roomState.ts).
    const top = snapshot.leaders;
    // Rebuild only when what is shown changed: this region is announced by screen readers.
    const signature = JSON.stringify([isFinal, snapshot.rankedCount, me?.id, me?.rank, me?.score, me?.lastPoints, me?.previousRank, top.map((g) => [g.id, g.name, g.rank, g.score])]);
    if (signature === this.signature) return;
    this.signature = signature;
    const headline = el("section", { class: "card center rank-card" });
    if (me && me.rank > 0) {
      const change = rankChange(me.rank, me.previousRank);
      headline.append(
        el("p", { class: "muted", text: isFinal ? "Final rank" : "Your position" }),
        el("p", { class: "rank-big", text: `#${me.rank}` }),
        el("p", { class: "muted", text: `of ${snapshot.rankedCount}` }),
        el(
          "p",
          { class: "rank-line" },
          el("span", { class: "points-inline", text: pointsText(me.score) }),
          !isFinal && me.lastPoints > 0 ? el("span", { class: "muted", text: ` (+${Math.round(me.lastPoints)} this round)` }) : null,
          " ",
          el("span", { class: `trend trend-${change.trend}`, text: change.inline, attrs: { "aria-label": change.label } }),
        ),
      );
    } else {
      headline.append(el("p", { class: "muted", text: "You'll be on the board after your first round." }));
    }
    if (isFinal) headline.append(el("p", { class: "thanks", text: "Thanks for coming to the party!" }));

    const board = el(
      "ol",
      { class: "mini-board" },
      ...top.map((g) =>
        el(
          "li",
          { class: g.id === me?.id ? "is-me" : "" },
          el("span", { class: "board-rank", text: `${g.rank}` }),
          el("span", { class: "board-name", text: g.name }),
          el("span", { class: "board-score", text: `${Math.round(g.score)}` }),
        ),
      ),
    );
    replaceChildren(
      this.body,
      el("h1", { text: isFinal ? "That's a wrap!" : "Leaderboard" }),
      headline,
      top.length > 0 ? el("section", { class: "card" }, el("h2", { text: "Top guests" }), board) : null,
    );
  }
}

export class ClosedView {
  readonly root: HTMLElement;
  private readonly message = el("p", { class: "lead" });

  constructor(onJoinAnother: () => void) {
    const button = el("button", { class: "btn btn-primary btn-block", text: "Join a party", attrs: { type: "button" } });
    button.addEventListener("click", onJoinAnother);
    this.root = el("section", { class: "view view-closed" }, el("div", { class: "card center" }, el("h1", { text: "See you soon" }), this.message, button));
  }

  update(reason: string): void {
    setText(this.message, reason);
  }
}
