// The student's secret card (what this guest needs, what it can offer), shown during the brief
// and pinned above the writing form.
import type { CardPayload } from "../../shared/messages.js";
import { el, setText } from "../lib/dom.js";

export class CardView {
  readonly root: HTMLElement;
  private readonly need: HTMLElement;
  private readonly offer: HTMLElement;

  constructor(isCompact = false) {
    this.need = el("p", { class: "secret-value" });
    this.offer = el("p", { class: "secret-value" });
    this.root = el(
      "section",
      { class: `secret-card${isCompact ? " compact" : ""}`, attrs: { "aria-label": "Your secret card" } },
      el("p", { class: "secret-title", text: "Your secret card" }),
      el("div", { class: "secret-row need" }, el("span", { class: "secret-label", text: "You need" }), this.need),
      el("div", { class: "secret-row offer" }, el("span", { class: "secret-label", text: "You can offer" }), this.offer),
    );
    this.set(null);
  }

  set(card: CardPayload | null): void {
    setText(this.need, card?.need ?? "Your card is on its way…");
    setText(this.offer, card?.offer ?? "…");
  }
}
