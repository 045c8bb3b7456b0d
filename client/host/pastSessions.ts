// The start screen's "Past sessions": every party this browser created, with what the server
// knows about it now (date, code, players, rounds, open/ended), and Resume / Report. Resume
// opens /host?code=CODE: the server brings an open session back on demand, even after a restart.
import { el, replaceChildren, setText } from "../lib/dom.js";
import { fetchSessions, UnauthorizedError } from "../report/reportApi.js";
import { formatDateTime } from "../report/reportFormat.js";
import type { PartyHistory } from "./partyHistory.js";
import { pastSessionRows, STATUS_LABEL, type PastSessionRow, type SessionLookup } from "./pastSessionRows.js";

export class PastSessions {
  readonly root: HTMLElement;
  private readonly body = el("tbody");
  private readonly note = el("p", { class: "muted small" });
  private readonly table: HTMLElement;
  private loadId = 0;

  constructor(
    private readonly history: PartyHistory,
    private readonly onResume: (row: PastSessionRow) => void,
  ) {
    const refresh = el("button", { class: "btn btn-secondary btn-small", text: "Refresh", attrs: { type: "button" } });
    refresh.addEventListener("click", () => void this.load());
    this.table = el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "roster past-sessions-table" },
        el("thead", {}, el("tr", {}, ...["Date", "Code", "Players", "Rounds", "Status", ""].map((h) => el("th", { text: h, attrs: { scope: "col" } })))),
        this.body,
      ),
    );
    this.root = el(
      "section",
      { class: "card past-sessions", attrs: { "aria-labelledby": "past-title" } },
      el("div", { class: "panel-head" }, el("h2", { text: "Past sessions", attrs: { id: "past-title" } }), refresh),
      this.note,
      this.table,
    );
  }

  /** Asks the server about every remembered host key (in parallel) and redraws the list. */
  async load(): Promise<void> {
    const id = ++this.loadId;
    const stored = this.history.list();
    this.root.hidden = stored.length === 0;
    if (stored.length === 0) return;
    setText(this.note, "Checking with the server…");
    const keys = [...new Set(stored.map((p) => p.hostKey))];
    const answers = await Promise.all(keys.map((key) => lookup(key)));
    if (id !== this.loadId) return; // a newer load is under way
    const lookups = new Map(keys.map((key, i) => [key, answers[i]]));
    // Learn session ids the browser did not keep (parties remembered before ids were stored).
    for (const party of stored) {
      const found = lookups.get(party.hostKey);
      if (!party.sessionId && found?.kind === "found" && found.sessions[0]) {
        this.history.remember({ ...party, sessionId: found.sessions[0].id });
      }
    }
    this.render(pastSessionRows(stored, lookups));
  }

  private render(rows: PastSessionRow[]): void {
    setText(this.note, "Parties created in this browser. The host key of each stays here; keep this browser to open their reports.");
    replaceChildren(this.body, ...rows.map((row) => this.row(row)));
  }

  private row(row: PastSessionRow): HTMLTableRowElement {
    const actions = el("div", { class: "row-actions" });
    if (row.canResume) {
      const resume = el("button", { class: "btn btn-primary btn-small", text: "Resume", attrs: { type: "button", "aria-label": `Resume party ${row.code}` } });
      resume.addEventListener("click", () => this.onResume(row));
      actions.append(resume);
    }
    if (row.canReport) {
      actions.append(
        el("a", { class: "btn btn-secondary btn-small", text: "Report", attrs: { href: `/report/${encodeURIComponent(row.sessionId)}`, "aria-label": `Report of party ${row.code}` } }),
      );
    }
    if (row.status === "unknown") {
      const forget = el("button", { class: "btn btn-danger btn-small", text: "Forget", attrs: { type: "button", "aria-label": `Forget party ${row.code}` } });
      forget.addEventListener("click", () => {
        this.history.forget(row.hostKey);
        void this.load();
      });
      actions.append(forget);
    }
    const count = (n: number | null) => (n === null ? "–" : String(n));
    return el(
      "tr",
      { attrs: { "data-session": row.sessionId, "data-status": row.status } },
      el("td", { text: row.createdAt ? formatDateTime(row.createdAt) : "–" }),
      el("th", { attrs: { scope: "row" } }, el("span", { class: "code-chip", text: row.code })),
      el("td", { class: "score", text: count(row.playerCount) }),
      el("td", { class: "score", text: count(row.roundCount) }),
      el("td", {}, el("span", { class: `badge badge-status-${row.status}`, text: STATUS_LABEL[row.status] })),
      el("td", {}, actions),
    );
  }
}

async function lookup(hostKey: string): Promise<SessionLookup> {
  try {
    return { kind: "found", sessions: await fetchSessions(hostKey) };
  } catch (error) {
    if (error instanceof UnauthorizedError) return { kind: "unknown" };
    return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}
