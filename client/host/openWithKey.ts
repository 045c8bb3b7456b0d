// Start screen: run a party from another computer. The host key (shown under "Host key" on the
// dashboard that created the party) is all a second browser needs; the code says which party.
import { isValidJoinCode, normalizeJoinCode } from "../../shared/joinCode.js";
import { el, setText } from "../lib/dom.js";

export class OpenWithKey {
  readonly root: HTMLDetailsElement;
  private readonly code: HTMLInputElement;
  private readonly key: HTMLInputElement;
  private readonly note: HTMLParagraphElement;
  private readonly button: HTMLButtonElement;

  constructor(onOpen: (code: string, hostKey: string) => Promise<string | null>) {
    this.code = el("input", { attrs: { id: "open-code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", maxlength: "12", placeholder: "ABCDE" } });
    this.key = el("input", { attrs: { id: "open-key", type: "password", autocomplete: "off", spellcheck: "false", maxlength: "200" } });
    this.note = el("p", { class: "form-error", attrs: { role: "alert", id: "open-note" } });
    this.button = el("button", { class: "btn btn-secondary", text: "Open the party", attrs: { type: "submit", "data-control": "open-with-key" } });
    const form = el(
      "form",
      { class: "open-with-key" },
      el("label", { class: "seconds-label", attrs: { for: "open-code" } }, "Party code", this.code),
      el("label", { class: "seconds-label", attrs: { for: "open-key" } }, "Host key", this.key),
      this.button,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit(onOpen);
    });
    this.root = el(
      "details",
      { class: "open-with-key-box" },
      el("summary", { text: "Run a party from another computer" }),
      el("p", { class: "muted small", text: "Paste the host key from the dashboard that created the party (under “Host key”)." }),
      form,
      this.note,
    );
  }

  /** Opens the box with the code filled in (a /host?code= address this browser holds no key for). */
  offer(code: string): void {
    this.code.value = code;
    this.root.open = true;
    setText(this.note, `This browser does not hold the host key of party ${code}: paste it to run the party here.`);
  }

  private async submit(onOpen: (code: string, hostKey: string) => Promise<string | null>): Promise<void> {
    const code = normalizeJoinCode(this.code.value);
    const hostKey = this.key.value.trim();
    if (!isValidJoinCode(code)) return this.fail("A party code has five letters or digits, like ABCDE.", this.code);
    if (hostKey === "") return this.fail("Paste the party's host key.", this.key);
    this.button.disabled = true;
    setText(this.note, "");
    try {
      const problem = await onOpen(code, hostKey);
      if (problem) this.fail(problem, this.key);
    } finally {
      this.button.disabled = false;
    }
  }

  private fail(message: string, field: HTMLInputElement): void {
    setText(this.note, message);
    field.focus();
  }
}
