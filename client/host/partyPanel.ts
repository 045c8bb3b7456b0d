// Dashboard: the party's identity card — big join code, join link (copyable), QR code, the
// button that opens the projector view, the lock and late-join switches, the guest count,
// "rehearse with N bots" (server-side bot students) and the link to the session's report. Once the
// party has ended only the code, the projector (its podium) and the report remain.
import { ClientMessage } from "../../shared/messages.js";
import { el, setText } from "../lib/dom.js";
import { joinLink, loadJoinOrigin } from "../net/endpoint.js";
import { qrCodeUrl } from "../net/partyApi.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

const DEFAULT_BOTS = 6;
/** shared/protocol.ts AddBotsSchema's limit per request. */
const MAX_BOTS = 60;

export class PartyPanel {
  readonly root: HTMLElement;
  private readonly code = el("p", { class: "big-code", attrs: { "aria-label": "Join code" } });
  private readonly link = el("a", { class: "join-link", attrs: { target: "_blank", rel: "noopener" } });
  private readonly qr = el("img", { class: "qr", attrs: { alt: "QR code of the join link", width: 132, height: 132 } });
  /** Said when the server knows no address phones can reach (it only has localhost). */
  private readonly joinWarning = el("p", { class: "join-warning", attrs: { role: "alert", hidden: true } });
  private readonly guests = el("p", { class: "guest-total" });
  private readonly lock = el("input", { attrs: { type: "checkbox", id: "lock-switch", role: "switch" } });
  private readonly lockLabel = el("span");
  private readonly lateJoin = el("input", { attrs: { type: "checkbox", id: "late-join-switch", role: "switch" } });
  private readonly lateJoinLabel = el("span");
  private readonly botCount = el("input", {
    attrs: { type: "number", id: "bot-count", min: 1, max: MAX_BOTS, step: 1, value: DEFAULT_BOTS, inputmode: "numeric" },
  });
  private readonly botButton = el("button", { class: "btn btn-secondary", text: "Rehearse with bots", attrs: { type: "button" } });
  private readonly botNote = el("p", { class: "muted small bot-note", attrs: { role: "status" } });
  private readonly report = el("a", { class: "report-link", text: "Session report ↗", attrs: { target: "_blank", rel: "noopener" } });
  private readonly hostKey = el("code", { class: "host-key" });
  private readonly hostKeyBox = el(
    "details",
    { class: "host-key-box" },
    el("summary", { text: "Host key" }),
    el("p", { class: "muted small", text: "Keep it secret: it runs this party and opens its report on another computer." }),
    this.hostKey,
  );
  /** How students get in; gone once the party has ended (it takes no new guests). */
  private readonly joinGroup: HTMLElement;
  /** Lock, late join and bots: nothing to set once the party has ended. */
  private readonly settingsGroup: HTMLElement;
  private readonly endedNote = el("p", { class: "ended-note", text: "Party ended — no new guests", attrs: { hidden: true } });
  private partyCode = "";
  private botNoteTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connection: PartyConnection) {
    const copy = el("button", { class: "btn btn-secondary btn-small", text: "Copy link", attrs: { type: "button" } });
    copy.addEventListener("click", () => {
      void navigator.clipboard?.writeText(joinLink(this.partyCode)).then(
        () => setText(copy, "Copied ✓"),
        () => setText(copy, "Copy failed"),
      );
      setTimeout(() => setText(copy, "Copy link"), 2000);
    });
    const projector = el("button", { class: "btn btn-primary", text: "Open projector view ↗", attrs: { type: "button" } });
    projector.addEventListener("click", () => {
      window.open(`/screen/${encodeURIComponent(this.partyCode)}`, `cocktail-screen-${this.partyCode}`, "noopener");
    });
    this.lock.addEventListener("change", () => {
      if (!this.connection.send(ClientMessage.setLocked, { isLocked: this.lock.checked })) this.lock.checked = !this.lock.checked;
    });
    this.lateJoin.addEventListener("change", () => {
      if (!this.connection.send(ClientMessage.setLateJoin, { isAllowed: this.lateJoin.checked })) this.lateJoin.checked = !this.lateJoin.checked;
    });

    this.botButton.addEventListener("click", () => this.addBots());
    this.report.hidden = true;
    this.joinGroup = el("div", { class: "join-group" }, el("p", { class: "muted small", text: "Students open" }), el("p", { class: "link-row" }, this.link, copy), this.joinWarning);
    this.settingsGroup = el(
      "div",
      { class: "party-settings" },
      el("label", { class: "switch-row", attrs: { for: "lock-switch" } }, this.lock, this.lockLabel),
      el("label", { class: "switch-row", attrs: { for: "late-join-switch" } }, this.lateJoin, this.lateJoinLabel),
      el(
        "div",
        { class: "bot-row" },
        el("label", { class: "seconds-label", attrs: { for: "bot-count" } }, "Bots", this.botCount),
        this.botButton,
      ),
      this.botNote,
    );

    this.root = el(
      "section",
      { class: "card party-panel", attrs: { "aria-labelledby": "party-title" } },
      el("h2", { text: "Your party", attrs: { id: "party-title" } }),
      el(
        "div",
        { class: "party-id" },
        el("div", {}, el("p", { class: "muted small", text: "Join code" }), this.code, this.guests, this.endedNote),
        this.qr,
      ),
      this.joinGroup,
      projector,
      this.settingsGroup,
      el("p", { class: "report-row" }, this.report),
      this.hostKeyBox,
    );
  }

  setHostKey(hostKey: string): void {
    setText(this.hostKey, hostKey);
    this.hostKeyBox.open = false;
  }

  /** The session's report page (its id comes with the party's creation, or from the server). */
  setSessionId(sessionId: string): void {
    this.report.hidden = !sessionId;
    if (sessionId) this.report.href = `/report/${encodeURIComponent(sessionId)}`;
  }

  private addBots(): void {
    const count = Math.round(Number(this.botCount.value));
    if (!Number.isFinite(count) || count < 1 || count > MAX_BOTS) {
      setText(this.botNote, `Choose 1–${MAX_BOTS} bots.`);
      return;
    }
    if (!this.connection.send(ClientMessage.addBots, { count })) return;
    setText(this.botNote, `${count} ${count === 1 ? "bot is" : "bots are"} joining; they write on their own once writing opens.`);
    clearTimeout(this.botNoteTimer);
    this.botNoteTimer = setTimeout(() => setText(this.botNote, ""), 8000);
  }

  setCode(code: string): void {
    this.partyCode = code;
    setText(this.code, code);
    this.showJoinLink();
    this.qr.src = qrCodeUrl(code);
    // The server may say phones join at another address (this page opened at localhost).
    void loadJoinOrigin().then(({ isLoopbackOnly }) => {
      if (this.partyCode !== code) return;
      this.showJoinLink();
      this.joinWarning.hidden = !isLoopbackOnly;
      setText(
        this.joinWarning,
        isLoopbackOnly ? "Phones can't open localhost: open this dashboard at the computer's network address, or set PUBLIC_URL." : "",
      );
    });
  }

  private showJoinLink(): void {
    const link = joinLink(this.partyCode);
    this.link.href = link;
    setText(this.link, link.replace(/^https?:\/\//, ""));
  }

  update(snapshot: PartySnapshot): void {
    const online = snapshot.guests.filter((g) => g.connection === "online").length;
    const total = snapshot.guests.length;
    setText(this.guests, `${total} ${total === 1 ? "guest" : "guests"} · ${online} online`);
    this.lock.checked = snapshot.isLocked;
    setText(this.lockLabel, snapshot.isLocked ? "Locked — new guests are refused" : "Lock the party");
    this.lateJoin.checked = snapshot.isLateJoinAllowed;
    setText(this.lateJoinLabel, "Guests may join after the first round starts");
    const isOpen = snapshot.phase !== "ended";
    for (const control of [this.botButton, this.botCount, this.lock, this.lateJoin]) control.disabled = !isOpen;
    this.joinGroup.hidden = !isOpen;
    this.settingsGroup.hidden = !isOpen;
    this.qr.hidden = !isOpen;
    this.endedNote.hidden = isOpen;
    this.code.classList.toggle("is-closed", !isOpen);
  }
}
