// The phone's join form: party code (prefilled from ?code=, any case, dashes or spaces) and a
// nickname (typed, or "Surprise me"), with errors a student can act on ("No party with code X",
// locked, full).
import { isValidJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from "../../shared/joinCode.js";
import { surpriseNickname } from "../../shared/nicknames.js";
import { cleanText, TEXT_LIMITS } from "../../shared/text.js";
import { el, setText } from "../lib/dom.js";

export interface JoinRequest {
  code: string;
  name: string;
}

export class JoinView {
  readonly root: HTMLElement;
  private readonly codeInput: HTMLInputElement;
  private readonly nameInput: HTMLInputElement;
  private readonly nameCounter: HTMLElement;
  private readonly error: HTMLElement;
  private readonly button: HTMLButtonElement;

  constructor(private readonly onJoin: (request: JoinRequest) => void) {
    this.codeInput = el("input", {
      class: "code-input",
      attrs: {
        id: "join-code",
        name: "code",
        type: "text",
        inputmode: "text",
        autocomplete: "off",
        autocapitalize: "characters",
        spellcheck: "false",
        // Room for a code typed with spaces or dashes between its letters ("m w q z d"): they are stripped.
        maxlength: JOIN_CODE_LENGTH * 2 + 2,
        placeholder: "ABCDE",
        required: true,
        "aria-describedby": "join-error",
      },
    });
    this.nameInput = el("input", {
      attrs: {
        id: "join-name",
        name: "nickname",
        type: "text",
        autocomplete: "nickname",
        maxlength: TEXT_LIMITS.nickname,
        placeholder: "e.g. Ada",
        required: true,
        "aria-describedby": "join-name-count join-error",
      },
    });
    this.nameCounter = el("span", { class: "counter", attrs: { id: "join-name-count", "aria-live": "off" } });
    this.error = el("p", { class: "form-error", attrs: { id: "join-error", role: "alert" } });
    this.button = el("button", { class: "btn btn-primary btn-block", text: "Join the party", attrs: { type: "submit" } });

    const surprise = el("button", {
      class: "btn btn-secondary surprise-button",
      text: "Surprise me",
      attrs: { type: "button", id: "join-surprise", "aria-controls": "join-name", "aria-label": "Surprise me: pick a random nickname" },
    });
    surprise.addEventListener("click", () => {
      this.nameInput.value = surpriseNickname(Math.random, this.nameInput.value);
      this.updateCounter();
      this.clearError();
    });
    this.nameInput.addEventListener("input", () => this.updateCounter());
    this.codeInput.addEventListener("input", () => this.clearError());
    const form = el(
      "form",
      { class: "card join-form", attrs: { novalidate: true, "aria-labelledby": "join-title" } },
      el("h1", { text: "Join a party", attrs: { id: "join-title" } }),
      el("p", { class: "lead", text: "You are a word at a party. Find the guests who have what you need." }),
      el("label", { class: "field-label", text: "Party code", attrs: { for: "join-code" } }),
      this.codeInput,
      el(
        "div",
        { class: "label-row" },
        el("label", { class: "field-label", text: "Your nickname", attrs: { for: "join-name" } }),
        this.nameCounter,
      ),
      el("div", { class: "name-row" }, this.nameInput, surprise),
      this.error,
      this.button,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.root = el("section", { class: "view view-join" }, form);
    this.updateCounter();
  }

  prefill(code: string, name = ""): void {
    if (code) this.codeInput.value = code;
    if (name) this.nameInput.value = name;
    this.updateCounter();
  }

  focus(): void {
    (this.codeInput.value ? this.nameInput : this.codeInput).focus();
  }

  setBusy(isBusy: boolean): void {
    this.button.disabled = isBusy;
    setText(this.button, isBusy ? "Joining…" : "Join the party");
  }

  showError(message: string, field: "code" | "name" | null = null): void {
    setText(this.error, message);
    this.codeInput.setAttribute("aria-invalid", String(field === "code"));
    this.nameInput.setAttribute("aria-invalid", String(field === "name"));
    if (field === "code") this.codeInput.focus();
    if (field === "name") this.nameInput.focus();
  }

  clearError(): void {
    setText(this.error, "");
    this.codeInput.removeAttribute("aria-invalid");
    this.nameInput.removeAttribute("aria-invalid");
  }

  private updateCounter(): void {
    const length = Array.from(this.nameInput.value).length;
    setText(this.nameCounter, `${length}/${TEXT_LIMITS.nickname}`);
  }

  private submit(): void {
    const code = normalizeJoinCode(this.codeInput.value);
    const name = cleanText(this.nameInput.value, TEXT_LIMITS.nickname);
    this.codeInput.value = code;
    if (!isValidJoinCode(code)) {
      this.showError(`A party code has ${JOIN_CODE_LENGTH} letters or digits, like the one on the big screen.`, "code");
      return;
    }
    if (!name) {
      this.showError("Pick a nickname (1–20 characters).", "name");
      return;
    }
    this.clearError();
    this.onJoin({ code, name });
  }
}
