// Dashboard: the attention settings — the sharpness (temperature) slider and the two masks.
// Every change is sent as one `host:setAttention`; the room recomputes and re-sends the current
// reveal at once, so the slider is debounced while dragged and sent immediately on release.
import { ClientMessage } from "../../shared/messages.js";
import { el, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { debounce } from "./debounce.js";
import { describeSharpness, formatSharpness, sharpnessToSlider, sliderToSharpness, SLIDER_STEPS } from "./sharpnessScale.js";

/** While dragging: at most one recompute per this many ms. */
const SEND_DEBOUNCE_MS = 250;
/** After sending, the room's state wins again once it has echoed, or after this long. */
const ECHO_WAIT_MS = 2000;

interface AttentionSettings {
  sharpness: number;
  isSelfAttentionBlocked: boolean;
  isCausal: boolean;
}

export class AttentionControls {
  readonly root: HTMLElement;
  private readonly slider = el("input", {
    attrs: { type: "range", id: "sharpness", min: -SLIDER_STEPS, max: SLIDER_STEPS, step: 1, value: 0, "aria-describedby": "sharpness-help" },
  });
  private readonly value = el("output", { class: "sharpness-value", attrs: { for: "sharpness", id: "sharpness-value" } });
  private readonly help = el("p", { class: "muted small sharpness-help", attrs: { id: "sharpness-help" } });
  private readonly noSelf = el("input", { attrs: { type: "checkbox", id: "no-self-switch", role: "switch" } });
  private readonly causal = el("input", { attrs: { type: "checkbox", id: "causal-switch", role: "switch" } });
  private readonly note = el("p", { class: "muted small" });
  private readonly send = debounce((settings: AttentionSettings) => this.sendNow(settings), SEND_DEBOUNCE_MS);
  /** What we last sent and when, so a stale state patch does not yank the slider back. */
  private sent: { settings: AttentionSettings; at: number } | null = null;
  private isDragging = false;

  constructor(private readonly connection: PartyConnection) {
    this.slider.addEventListener("input", () => {
      this.showSharpness(this.current().sharpness);
      this.send(this.current());
    });
    this.slider.addEventListener("change", () => this.send.flush());
    this.slider.addEventListener("pointerdown", () => (this.isDragging = true));
    this.slider.addEventListener("pointerup", () => (this.isDragging = false));
    this.slider.addEventListener("blur", () => (this.isDragging = false));
    for (const toggle of [this.noSelf, this.causal]) {
      toggle.addEventListener("change", () => {
        this.send(this.current());
        this.send.flush();
      });
    }
    const reset = el("button", { class: "btn btn-secondary btn-small", text: "Reset ×1", attrs: { type: "button", title: "Plain attention: sharpness 1" } });
    reset.addEventListener("click", () => {
      this.slider.value = "0";
      this.showSharpness(1);
      this.send(this.current());
      this.send.flush();
    });
    this.root = el(
      "section",
      { class: "card attention-controls", attrs: { "aria-labelledby": "attention-controls-title" } },
      el("div", { class: "panel-head" }, el("h2", { text: "Attention settings", attrs: { id: "attention-controls-title" } }), this.note),
      el(
        "div",
        { class: "sharpness-row" },
        el("label", { class: "sharpness-label", attrs: { for: "sharpness" } }, "Sharpness"),
        el("span", { class: "slider-end muted small", text: "softer", attrs: { "aria-hidden": "true" } }),
        this.slider,
        el("span", { class: "slider-end muted small", text: "sharper", attrs: { "aria-hidden": "true" } }),
        this.value,
        reset,
      ),
      this.help,
      el(
        "div",
        { class: "toggle-row" },
        el("label", { class: "switch-row", attrs: { for: "no-self-switch" } }, this.noSelf, "No self-attention"),
        el("label", { class: "switch-row", attrs: { for: "causal-switch" } }, this.causal, "Only earlier guests (causal)"),
      ),
    );
    this.showSharpness(1);
  }

  update(snapshot: PartySnapshot, isOnline: boolean): void {
    for (const input of [this.slider, this.noSelf, this.causal]) input.disabled = !isOnline || snapshot.phase === "ended";
    const isShowing = snapshot.phase === "reveal" || snapshot.phase === "scores";
    setText(this.note, isShowing ? "Changes recompute this reveal at once" : "Applies to the next reveal");
    const fromRoom: AttentionSettings = {
      sharpness: snapshot.sharpness,
      isSelfAttentionBlocked: snapshot.isSelfAttentionBlocked,
      isCausal: snapshot.isCausal,
    };
    if (this.sent && (sameSettings(this.sent.settings, fromRoom) || Date.now() - this.sent.at > ECHO_WAIT_MS)) this.sent = null;
    // The instructor's hand wins over the room while dragging or while our change is in flight.
    if (this.isDragging || this.send.isPending || this.sent) return;
    this.slider.value = String(sharpnessToSlider(fromRoom.sharpness));
    this.showSharpness(fromRoom.sharpness);
    this.noSelf.checked = fromRoom.isSelfAttentionBlocked;
    this.causal.checked = fromRoom.isCausal;
  }

  private current(): AttentionSettings {
    return {
      sharpness: sliderToSharpness(Number(this.slider.value)),
      isSelfAttentionBlocked: this.noSelf.checked,
      isCausal: this.causal.checked,
    };
  }

  private sendNow(settings: AttentionSettings): void {
    if (this.connection.send(ClientMessage.setAttention, settings)) this.sent = { settings, at: Date.now() };
  }

  private showSharpness(sharpness: number): void {
    setText(this.value, formatSharpness(sharpness));
    this.slider.setAttribute("aria-valuetext", `sharpness ${formatSharpness(sharpness)}`);
    setText(this.help, `Multiplies the scores QKᵀ/√d before the softmax — ${describeSharpness(sharpness)}.`);
  }
}

function sameSettings(a: AttentionSettings, b: AttentionSettings): boolean {
  return Math.abs(a.sharpness - b.sharpness) < 1e-9 && a.isSelfAttentionBlocked === b.isSelfAttentionBlocked && a.isCausal === b.isCausal;
}
