// Dashboard after the reveal: each guest's heaviest attention targets (from `attention`),
// ✓ where the target really had what the guest needed. Clicking a guest focuses it on the
// projector (`focusGuest`), so the instructor can talk the class through one row, and opens
// that guest's full row beside the list (RowInspector).
import { ClientMessage, type AttentionPayload, type MatrixPayload } from "../../shared/messages.js";
import { el, percent, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { RowInspector } from "./rowInspector.js";

const TARGETS_SHOWN = 3;

export class AttentionPanel {
  readonly root: HTMLElement;
  private readonly list = el("ol", { class: "attention-list" });
  private readonly note = el("p", { class: "muted small" });
  private readonly inspector: RowInspector;
  private attention: AttentionPayload | null = null;
  private names = new Map<string, string>();
  private focusedId: string | null = null;

  constructor(private readonly connection: PartyConnection) {
    this.inspector = new RowInspector(connection);
    const clear = el("button", { class: "btn btn-secondary btn-small", text: "Clear focus", attrs: { type: "button" } });
    clear.addEventListener("click", () => this.connection.send(ClientMessage.focusGuest, { guestId: null }));
    this.root = el(
      "section",
      { class: "card attention-panel", attrs: { "aria-labelledby": "attention-title" } },
      el("div", { class: "panel-head" }, el("h2", { text: "Who attended to whom", attrs: { id: "attention-title" } }), clear),
      this.note,
      el("div", { class: "attention-body" }, this.list, this.inspector.root),
    );
    this.render();
  }

  setSnapshot(snapshot: PartySnapshot): void {
    const names = new Map(snapshot.guests.map((g) => [g.id, g.name]));
    const isNewRound = this.attention !== null && this.attention.roundNumber !== snapshot.roundNumber;
    if (isNewRound) {
      this.attention = null;
      this.inspector.clear();
    }
    this.root.hidden = !(snapshot.phase === "reveal" || snapshot.phase === "scores") || !this.attention;
    // Re-render only when something shown changed: rebuilding would swallow a click.
    const namesChanged = names.size !== this.names.size || [...names].some(([id, n]) => this.names.get(id) !== n);
    this.names = names;
    if (namesChanged) this.inspector.setNames(names);
    if (isNewRound || namesChanged) this.render();
  }

  setAttention(attention: AttentionPayload): void {
    this.attention = attention;
    this.root.hidden = false;
    this.inspector.setAttention(attention);
    this.render();
  }

  setMatrix(matrix: MatrixPayload): void {
    this.inspector.setMatrix(matrix);
  }

  setFocus(guestId: string | null): void {
    this.focusedId = guestId;
    for (const item of this.list.querySelectorAll<HTMLElement>("[data-guest]")) {
      const isFocused = item.dataset.guest === guestId;
      item.classList.toggle("focused", isFocused);
      item.querySelector("button")?.setAttribute("aria-pressed", String(isFocused));
    }
  }

  private select(guestId: string): void {
    this.connection.send(ClientMessage.focusGuest, { guestId });
    this.inspector.inspect(guestId);
    for (const item of this.list.querySelectorAll<HTMLElement>("[data-guest]")) {
      item.classList.toggle("inspected", item.dataset.guest === guestId);
    }
  }

  private render(): void {
    const a = this.attention;
    if (!a) {
      replaceChildren(this.list);
      setText(this.note, "");
      return;
    }
    setText(this.note, "Click a guest to focus it on the projector and see its whole row. ✓ = that guest had what they needed.");
    const name = (id: string) => this.names.get(id) ?? "(left)";
    const inspected = this.inspector.inspectedId;
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
            ...(targets.length === 0
              ? [el("span", { class: "target", text: "nobody (masked)" })]
              : targets.map(([col, weight]) =>
                  el(
                    "span",
                    { class: `target${matches.has(col) ? " is-match" : ""}` },
                    `${name(a.guestIds[col] ?? "")} ${percent(weight)}${matches.has(col) ? " ✓" : ""}`,
                  ),
                )),
          ),
        );
        button.addEventListener("click", () => this.select(guestId));
        const cls = [guestId === this.focusedId ? "focused" : "", guestId === inspected ? "inspected" : ""].filter(Boolean).join(" ");
        return el("li", { class: cls, attrs: { "data-guest": guestId } }, button);
      }),
    );
  }
}
