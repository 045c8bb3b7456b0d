// Dashboard: one guest's full attention row ("inspect row"). The `attention` message only has
// each row's top k; clicking a guest asks the room for the whole matrix (`host:requestMatrix`)
// and lists every guest with a bar, heaviest first. The matrix is cached per reveal and asked
// for again whenever a recompute (sharpness, masks) sends new attention.
import { ClientMessage, type AttentionPayload, type MatrixPayload } from "../../shared/messages.js";
import { el, percent, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import { matrixRow } from "./matrixRow.js";

export class RowInspector {
  readonly root: HTMLElement;
  private readonly title = el("h3", { attrs: { id: "inspector-title" } });
  private readonly summary = el("p", { class: "muted small" });
  private readonly list = el("ol", { class: "row-bars" });
  private guestId: string | null = null;
  private attention: AttentionPayload | null = null;
  private matrix: MatrixPayload | null = null;
  private isRequested = false;
  private names = new Map<string, string>();

  constructor(private readonly connection: PartyConnection) {
    const close = el("button", { class: "btn btn-secondary btn-small", text: "Close", attrs: { type: "button", "aria-label": "Close the row" } });
    close.addEventListener("click", () => this.inspect(null));
    this.root = el(
      "aside",
      { class: "row-inspector", attrs: { "aria-labelledby": "inspector-title", "aria-live": "polite" } },
      el("div", { class: "panel-head" }, this.title, close),
      this.summary,
      this.list,
    );
    this.render();
  }

  get inspectedId(): string | null {
    return this.guestId;
  }

  setNames(names: Map<string, string>): void {
    this.names = names;
    if (this.guestId) this.render();
  }

  /** New attention (a reveal or a recompute): the cached matrix is stale. */
  setAttention(attention: AttentionPayload): void {
    const isNewRound = this.attention?.roundNumber !== attention.roundNumber;
    this.attention = attention;
    this.matrix = null;
    this.isRequested = false;
    if (isNewRound) this.guestId = null;
    if (this.guestId) this.requestMatrix();
    this.render();
  }

  setMatrix(matrix: MatrixPayload): void {
    this.matrix = matrix;
    this.isRequested = false;
    this.render();
  }

  /** Shows `guestId`'s row (null closes the panel). */
  inspect(guestId: string | null): void {
    this.guestId = guestId;
    if (guestId && !this.matrix) this.requestMatrix();
    this.render();
  }

  /** A new round started: nothing to inspect until its reveal. */
  clear(): void {
    this.attention = null;
    this.matrix = null;
    this.guestId = null;
    this.render();
  }

  private requestMatrix(): void {
    if (this.isRequested) return;
    this.isRequested = this.connection.send(ClientMessage.requestMatrix, {});
  }

  private render(): void {
    const id = this.guestId;
    this.root.hidden = id === null;
    if (!id) return;
    const name = (guestId: string) => this.names.get(guestId) ?? "(left)";
    setText(this.title, `${name(id)}’s full row`);
    const a = this.attention;
    const matrix = this.matrix && a && this.matrix.roundNumber === a.roundNumber ? this.matrix : null;
    if (!matrix || !a) {
      setText(this.summary, "Loading every guest’s weight…");
      replaceChildren(this.list);
      return;
    }
    const row = matrixRow(matrix, id, a.matches[a.guestIds.indexOf(id)] ?? []);
    if (!row) {
      setText(this.summary, "This guest was not part of the reveal.");
      replaceChildren(this.list);
      return;
    }
    setText(
      this.summary,
      row.total === 0
        ? "Every other guest was masked for this guest (causal: nobody arrived earlier)."
        : `${percent(row.matchMass)} of the attention went to guests who had what ${name(id)} needed (✓).`,
    );
    replaceChildren(
      this.list,
      ...row.targets.map((t) =>
        el(
          "li",
          { class: `row-bar${t.isMatch ? " is-match" : ""}${t.isSelf ? " is-self" : ""}`, attrs: { "data-guest": t.guestId } },
          el("span", { class: "row-bar-name", text: `${name(t.guestId)}${t.isSelf ? " (self)" : ""}${t.isMatch ? " ✓" : ""}` }),
          el("span", { class: "row-bar-track", attrs: { "aria-hidden": "true" } }, el("span", { class: "row-bar-fill", attrs: { style: `width: ${(t.weight * 100).toFixed(1)}%` } })),
          el("span", { class: "row-bar-pct", text: percent(t.weight) }),
        ),
      ),
    );
  }
}
