// Dashboard: everyone at the party — connection, submitted ✓, secret card, their three texts
// (from the host-only `hostRoster` message), score, and a kick button. Rebuilt at most once
// per animation frame, however many patches arrive.
import { ClientMessage, type HostRosterEntry, type HostRosterPayload } from "../../shared/messages.js";
import type { GuestView } from "../../shared/roomState.js";
import { el, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

const CONNECTION_LABEL = { online: "online", reconnecting: "reconnecting", gone: "left" } as const;

export class RosterTable {
  readonly root: HTMLElement;
  private readonly body = el("tbody");
  private readonly summary = el("p", { class: "muted small" });
  private snapshot: PartySnapshot | null = null;
  private entries = new Map<string, HostRosterEntry>();
  /** Rendered rows and what they showed, so unchanged rows (and their buttons) stay put. */
  private rows = new Map<string, { signature: string; tr: HTMLTableRowElement }>();
  private isQueued = false;

  constructor(private readonly connection: PartyConnection) {
    const headers = ["Guest", "Status", "Sent", "Card (need → offer)", "Query", "Name tag", "Value", "Score", ""];
    this.root = el(
      "section",
      { class: "card roster-panel", attrs: { "aria-labelledby": "roster-title" } },
      el("div", { class: "panel-head" }, el("h2", { text: "Guests", attrs: { id: "roster-title" } }), this.summary),
      el(
        "div",
        { class: "table-scroll" },
        el(
          "table",
          { class: "roster" },
          el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { text: h, attrs: { scope: "col" } })))),
          this.body,
        ),
      ),
    );
  }

  setSnapshot(snapshot: PartySnapshot): void {
    this.snapshot = snapshot;
    this.queueRender();
  }

  setRoster(roster: HostRosterPayload): void {
    this.entries = new Map(roster.guests.map((g) => [g.guestId, g]));
    this.queueRender();
  }

  private queueRender(): void {
    if (this.isQueued) return;
    this.isQueued = true;
    requestAnimationFrame(() => {
      this.isQueued = false;
      this.render();
    });
  }

  private render(): void {
    const guests = this.snapshot?.guests ?? [];
    const playing = guests.filter((g) => g.isPlaying);
    setText(this.summary, `${guests.length} guests · ${playing.filter((g) => g.hasSubmitted).length}/${playing.length} submitted this round`);
    if (guests.length === 0) {
      this.rows.clear();
      replaceChildren(this.body, el("tr", {}, el("td", { class: "empty", text: "Nobody yet — show the join code.", attrs: { colspan: 9 } })));
      return;
    }
    const next = new Map<string, { signature: string; tr: HTMLTableRowElement }>();
    for (const g of guests) {
      const entry = this.entries.get(g.id);
      const signature = JSON.stringify([this.snapshot?.phase, this.snapshot?.roundNumber, g.name, g.isPlaying, g.connection, g.hasSubmitted, g.score, g.rank, entry]);
      const old = this.rows.get(g.id);
      if (old && old.signature === signature) next.set(g.id, old);
      else {
        const tr = this.row(g, entry);
        old?.tr.replaceWith(tr);
        next.set(g.id, { signature, tr });
      }
    }
    const order = [...next.values()].map((r) => r.tr);
    // Re-append only when guests came, went or moved: moving rows would swallow a click.
    const isSameOrder = order.length === this.body.children.length && order.every((tr, i) => this.body.children[i] === tr);
    if (!isSameOrder) replaceChildren(this.body, ...order);
    this.rows = next;
  }

  private row(guest: GuestView, entry: HostRosterEntry | undefined): HTMLTableRowElement {
    const kick = el("button", { class: "btn btn-danger btn-small", text: "Kick", attrs: { type: "button", "aria-label": `Kick ${guest.name}` } });
    kick.addEventListener("click", () => {
      if (confirm(`Remove ${guest.name} from the party? They cannot rejoin.`)) this.connection.send(ClientMessage.kick, { guestId: guest.id });
    });
    const card = entry?.card ? `${entry.card.need} → ${entry.card.offer}` : "";
    const phase = this.snapshot?.phase;
    const isMidRound = phase === "brief" || phase === "write" || phase === "reveal";
    // Ranks exist from the first reveal on; before that the room's rank is only arrival order.
    const hasScores = (this.snapshot?.roundNumber ?? 0) > 1 || phase === "reveal" || phase === "scores" || phase === "ended";
    return el(
      "tr",
      { class: isMidRound && !guest.isPlaying ? "not-playing" : "" },
      el("th", { attrs: { scope: "row" } }, guest.name, isMidRound && !guest.isPlaying ? el("span", { class: "muted small", text: " (next round)" }) : null),
      el("td", { class: "conn" }, el("span", { class: `dot dot-${guest.connection}`, attrs: { "aria-hidden": "true" } }), CONNECTION_LABEL[guest.connection]),
      el("td", { class: "sent", text: guest.hasSubmitted ? "✓" : "–", attrs: { "aria-label": guest.hasSubmitted ? "submitted" : "not yet" } }),
      el("td", { class: "small", text: card }),
      el("td", { class: "text-q", text: entry?.query ?? "" }),
      el("td", { class: "text-k", text: entry?.key ?? "" }),
      el("td", { class: "text-v", text: entry?.value ?? "" }),
      el("td", { class: "score", text: hasScores && guest.rank > 0 ? `${Math.round(guest.score)} (#${guest.rank})` : "–" }),
      el("td", {}, kick),
    );
  }
}
