// Dashboard: everyone at the party — connection, submitted ✓, secret card, their three texts
// (from the host-only `hostRoster` message), score, moderation and kick. Flagged texts (masked
// for everyone else until approved) are highlighted with Approve / Hide; hidden texts stay
// visible to the host, struck through. A name is renamed in place (click it, Enter saves).
// Rebuilt at most once per animation frame, however many patches arrive; rows that did not
// change, and the row being renamed, are left alone so no click or keystroke is lost. Once the
// party has ended the table is a record: no rename, moderation or kick.
import { ClientMessage, type HostRosterEntry, type HostRosterPayload } from "../../shared/messages.js";
import type { GuestView } from "../../shared/roomState.js";
import { isWatchedRound } from "../../shared/rounds.js";
import { el, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

const CONNECTION_LABEL = { online: "online", reconnecting: "reconnecting", gone: "left" } as const;
const NAME_MAX = 20;
const COLUMNS = ["Guest", "Status", "Sent", "Card (need → offer)", "Query", "Name tag", "Value", "Score", "Moderate", ""];

export class RosterTable {
  readonly root: HTMLElement;
  private readonly body = el("tbody");
  private readonly summary = el("p", { class: "muted small" });
  /** The "Sent" column's header: "Answered" in model and course rounds (a prediction, no texts). */
  private readonly sentHeader: HTMLElement;
  private snapshot: PartySnapshot | null = null;
  private entries = new Map<string, HostRosterEntry>();
  /** Rendered rows and what they showed, so unchanged rows (and their buttons) stay put. */
  private rows = new Map<string, { signature: string; tr: HTMLTableRowElement }>();
  private isQueued = false;
  private editingId: string | null = null;

  constructor(private readonly connection: PartyConnection) {
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
          el("thead", {}, el("tr", {}, ...COLUMNS.map((h) => el("th", { text: h, attrs: { scope: "col" } })))),
          this.body,
        ),
      ),
    );
    this.sentHeader = this.root.querySelectorAll("thead th")[COLUMNS.indexOf("Sent")] as HTMLElement;
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
    const flagged = [...this.entries.values()].filter((e) => e.moderation === "flagged").length;
    const bots = guests.filter((g) => g.isBot).length;
    const isWatched = isWatchedRound(this.snapshot?.roundType ?? "");
    setText(this.sentHeader, isWatched ? "Answered" : "Sent");
    setText(
      this.summary,
      [
        `${guests.length} guests`,
        bots > 0 ? `${bots} bots` : "",
        `${playing.filter((g) => g.hasSubmitted).length}/${playing.length} ${isWatched ? "answered" : "submitted"} this round`,
        flagged > 0 ? `${flagged} flagged for review` : "",
      ].filter(Boolean).join(" · "),
    );
    this.root.classList.toggle("has-flagged", flagged > 0);
    if (guests.length === 0) {
      this.rows.clear();
      replaceChildren(this.body, el("tr", {}, el("td", { class: "empty", text: "Nobody yet — show the join code, or rehearse with bots.", attrs: { colspan: COLUMNS.length } })));
      return;
    }
    const next = new Map<string, { signature: string; tr: HTMLTableRowElement }>();
    for (const g of guests) {
      const entry = this.entries.get(g.id);
      const signature = JSON.stringify([this.snapshot?.phase, this.snapshot?.roundNumber, g, entry]);
      const old = this.rows.get(g.id);
      // The row being renamed keeps its input (and what the instructor typed) until done.
      if (old && (old.signature === signature || g.id === this.editingId)) next.set(g.id, old);
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
    const card = entry?.card ? `${entry.card.need} → ${entry.card.offer}` : "";
    const phase = this.snapshot?.phase;
    const isMidRound = phase === "brief" || phase === "write" || phase === "reveal";
    // Ranks exist from the first reveal on; before that the room's rank is only arrival order.
    const hasScores = (this.snapshot?.roundNumber ?? 0) > 1 || phase === "reveal" || phase === "scores" || phase === "ended";
    const moderation = entry?.hasSubmitted ? entry.moderation : null;
    const isHidden = moderation === "hidden";
    const isEnded = phase === "ended";
    const text = (cls: string, value: string | undefined) =>
      el("td", { class: cls }, isHidden && value ? el("s", { text: value, attrs: { title: "Hidden: nobody else sees this" } }) : (value ?? ""));
    const classes = [
      isMidRound && !guest.isPlaying ? "not-playing" : "",
      moderation === "flagged" ? "is-flagged" : "",
      isHidden ? "is-hidden" : "",
    ].filter(Boolean);
    return el(
      "tr",
      { class: classes.join(" "), attrs: { "data-guest": guest.id, "data-moderation": moderation ?? undefined } },
      el(
        "th",
        { attrs: { scope: "row" } },
        isEnded ? el("span", { class: "guest-name", text: guest.name }) : this.nameCell(guest),
        guest.isBot ? el("span", { class: "badge badge-bot", text: "bot", attrs: { title: "Rehearsal bot" } }) : null,
        isMidRound && !guest.isPlaying ? el("span", { class: "muted small", text: " (next round)" }) : null,
      ),
      el("td", { class: "conn" }, el("span", { class: `dot dot-${guest.connection}`, attrs: { "aria-hidden": "true" } }), CONNECTION_LABEL[guest.connection]),
      el("td", { class: "sent", text: guest.hasSubmitted ? "✓" : "–", attrs: { "aria-label": guest.hasSubmitted ? (isWatchedRound(this.snapshot?.roundType ?? "") ? "answered" : "submitted") : "not yet" } }),
      el("td", { class: "small", text: card }),
      text("text-q", entry?.query),
      text("text-k", entry?.key),
      text("text-v", entry?.value),
      el("td", { class: "score", text: hasScores && guest.rank > 0 ? `${Math.round(guest.score)} (#${guest.rank})` : "–" }),
      el("td", { class: "moderate" }, ...this.moderationCell(guest, moderation, isEnded)),
      el("td", {}, isEnded ? null : this.kickButton(guest)),
    );
  }

  private nameCell(guest: GuestView): HTMLElement {
    const button = el(
      "button",
      { class: "name-edit", attrs: { type: "button", title: "Rename", "aria-label": `Rename ${guest.name}` } },
      el("span", { class: "guest-name", text: guest.name }),
      el("span", { class: "pencil", text: "✎", attrs: { "aria-hidden": "true" } }),
    );
    button.addEventListener("click", () => this.startRename(guest, button));
    return button;
  }

  private startRename(guest: GuestView, button: HTMLElement): void {
    this.editingId = guest.id;
    const input = el("input", {
      class: "rename-input",
      attrs: { type: "text", value: guest.name, maxlength: NAME_MAX, "aria-label": `New name for ${guest.name}`, autocomplete: "off", spellcheck: "false" },
    });
    let isDone = false;
    const finish = (isSaved: boolean) => {
      if (isDone) return;
      isDone = true;
      const name = input.value.trim();
      if (isSaved && name && name !== guest.name) this.connection.send(ClientMessage.renameGuest, { guestId: guest.id, name });
      this.editingId = null;
      this.rows.delete(guest.id); // rebuild that row from the latest state
      input.replaceWith(button);
      this.queueRender();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") finish(true);
      else if (event.key === "Escape") finish(false);
    });
    input.addEventListener("blur", () => finish(true));
    button.replaceWith(input);
    input.focus();
    input.select();
  }

  private moderationCell(guest: GuestView, moderation: HostRosterEntry["moderation"] | null, isEnded: boolean): Array<Node | string> {
    if (moderation === null) return [];
    if (isEnded) return moderation === "ok" ? [] : [el("span", { class: `badge badge-${moderation}`, text: moderation })];
    const action = (label: string, act: "approve" | "hide", cls: string, title: string) => {
      const b = el("button", { class: `btn btn-small ${cls}`, text: label, attrs: { type: "button", title, "aria-label": `${label} ${guest.name}’s texts` } });
      b.addEventListener("click", () => this.connection.send(ClientMessage.moderate, { guestId: guest.id, action: act }));
      return b;
    };
    const approve = () => action("Approve", "approve", "btn-primary", "Show these texts to everyone");
    // Red only where a decision is waiting; on every other row Hide stays quiet.
    const hide = (cls: string) => action("Hide", "hide", cls, "Never show these texts to anyone again");
    switch (moderation) {
      case "flagged":
        return [el("span", { class: "badge badge-flagged", text: "flagged" }), approve(), hide("btn-danger")];
      case "hidden":
        return [el("span", { class: "badge badge-hidden", text: "hidden" })];
      case "approved":
        return [el("span", { class: "badge badge-approved", text: "approved" }), hide("btn-quiet")];
      default:
        return [hide("btn-quiet")];
    }
  }

  private kickButton(guest: GuestView): HTMLElement {
    const kick = el("button", { class: "btn btn-danger btn-small", text: "Kick", attrs: { type: "button", "aria-label": `Kick ${guest.name}` } });
    kick.addEventListener("click", () => {
      if (confirm(`Remove ${guest.name} from the party? They cannot rejoin.`)) this.connection.send(ClientMessage.kick, { guestId: guest.id });
    });
    return kick;
  }
}
