// Dashboard after the reveal: each guest's heaviest attention targets (from `attention`),
// ✓ where the target really had what the guest needed. Clicking a guest focuses it on the
// projector (`focusGuest`), so the instructor can talk the class through one row.
import { ClientMessage, type AttentionPayload } from "../../shared/messages.js";
import { el, percent, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

const TARGETS_SHOWN = 3;

export class AttentionPanel {
  readonly root: HTMLElement;
  private readonly list = el("ol", { class: "attention-list" });
  private readonly note = el("p", { class: "muted small" });
  private attention: AttentionPayload | null = null;
  private names = new Map<string, string>();
  private focusedId: string | null = null;

  constructor(private readonly connection: PartyConnection) {
    const clear = el("button", { class: "btn btn-secondary btn-small", text: "Clear focus", attrs: { type: "button" } });
    clear.addEventListener("click", () => this.connection.send(ClientMessage.focusGuest, { guestId: null }));
    this.root = el(
      "section",
      { class: "card attention-panel", attrs: { "aria-labelledby": "attention-title" } },
      el("div", { class: "panel-head" }, el("h2", { text: "Who attended to whom", attrs: { id: "attention-title" } }), clear),
      this.note,
      this.list,
    );
    this.render();
  }

  setSnapshot(snapshot: PartySnapshot): void {
    const names = new Map(snapshot.guests.map((g) => [g.id, g.name]));
    const isNewRound = this.attention !== null && this.attention.roundNumber !== snapshot.roundNumber;
    if (isNewRound) this.attention = null;
    this.root.hidden = !(snapshot.phase === "reveal" || snapshot.phase === "scores") || !this.attention;
    // Re-render only when something shown changed: rebuilding would swallow a click.
    const namesChanged = names.size !== this.names.size || [...names].some(([id, n]) => this.names.get(id) !== n);
    this.names = names;
    if (isNewRound || namesChanged) this.render();
  }

  setAttention(attention: AttentionPayload): void {
    this.attention = attention;
    this.root.hidden = false;
    this.render();
  }

  setFocus(guestId: string | null): void {
    this.focusedId = guestId;
    for (const item of this.list.querySelectorAll<HTMLElement>("[data-guest]")) {
      const isFocused = item.dataset.guest === guestId;
      item.classList.toggle("focused", isFocused);
      item.querySelector("button")?.setAttribute("aria-pressed", String(isFocused));
    }
  }

  private render(): void {
    const a = this.attention;
    if (!a) {
      replaceChildren(this.list);
      setText(this.note, "");
      return;
    }
    setText(this.note, "Click a guest to focus its attention on the projector. ✓ = that guest had what they needed.");
    const name = (id: string) => this.names.get(id) ?? "(left)";
    replaceChildren(
      this.list,
      ...a.guestIds.map((guestId, i) => {
        const matches = new Set(a.matches[i] ?? []);
        const targets = (a.rows[i] ?? []).slice(0, TARGETS_SHOWN);
        const button = el(
          "button",
          { class: "attention-guest", attrs: { type: "button", "aria-pressed": String(guestId === this.focusedId) } },
          el("span", { class: "attention-name", text: name(guestId) }),
          el(
            "span",
            { class: "attention-targets" },
            ...targets.map(([col, weight]) =>
              el(
                "span",
                { class: `target${matches.has(col) ? " is-match" : ""}` },
                `${name(a.guestIds[col] ?? "")} ${percent(weight)}${matches.has(col) ? " ✓" : ""}`,
              ),
            ),
          ),
        );
        button.addEventListener("click", () => this.connection.send(ClientMessage.focusGuest, { guestId }));
        return el("li", { class: guestId === this.focusedId ? "focused" : "", attrs: { "data-guest": guestId } }, button);
      }),
    );
  }
}
