// The report page (`/report/:sessionId`): finds the session's host key in this browser's party
// history (or asks for it), fetches the report with it, renders it, and offers the JSON and CSV
// exports and printing. A wrong key gets a clear 401 message and the key form again.
import { el, replaceChildren, setText } from "../lib/dom.js";
import { PartyHistory } from "../host/partyHistory.js";
import { downloadExport, fetchReport, UnauthorizedError, type SessionReport } from "./reportApi.js";
import { exportFileName, sessionIdFromPath } from "./reportFormat.js";
import { renderReport } from "./reportView.js";

const app = document.getElementById("app")!;
const parties = PartyHistory.local();
const sessionId = sessionIdFromPath(location.pathname);

function message(title: string, text: string, ...extra: Node[]): void {
  replaceChildren(app, el("section", { class: "card report-message", attrs: { role: "alert" } }, el("h1", { text: title }), el("p", { class: "muted", text }), ...extra));
}

/** The form that asks for the host key when this browser does not have it (or it was wrong). */
function keyForm(id: string, problem: string | null): HTMLElement {
  const input = el("input", { attrs: { type: "password", id: "host-key", autocomplete: "off", spellcheck: "false", required: true, maxlength: 200 } });
  const error = el("p", { class: "form-error", text: problem ?? "" });
  const form = el(
    "form",
    { class: "key-form" },
    el("label", { class: "field-label", attrs: { for: "host-key" } }, "Host key of this session"),
    input,
    error,
    el("button", { class: "btn btn-primary", text: "Open the report", attrs: { type: "submit" } }),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key) void load(id, key, true);
  });
  setTimeout(() => input.focus(), 0);
  return form;
}

function toolbar(report: SessionReport, hostKey: string): HTMLElement {
  const status = el("span", { class: "muted small", attrs: { role: "status" } });
  const download = (format: "json" | "csv", label: string) => {
    const b = el("button", { class: "btn btn-secondary", text: label, attrs: { type: "button" } });
    b.addEventListener("click", async () => {
      b.disabled = true;
      setText(status, "");
      try {
        await downloadExport(report.session.id, hostKey, format, exportFileName(report, format));
        setText(status, `Saved ${exportFileName(report, format)}`);
      } catch (error) {
        setText(status, error instanceof UnauthorizedError ? "The server no longer accepts this host key (401)." : `Download failed: ${String(error)}`);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  const print = el("button", { class: "btn btn-secondary", text: "Print", attrs: { type: "button" } });
  print.addEventListener("click", () => window.print());
  return el("div", { class: "report-toolbar no-print" }, download("json", "Download JSON"), download("csv", "Download CSV"), print, status);
}

async function load(id: string, hostKey: string, isTyped: boolean): Promise<void> {
  message("Loading the report…", "Fetching the session from the server.");
  try {
    const report = await fetchReport(id, hostKey);
    if (isTyped) {
      parties.remember({ code: report.session.code, hostKey, sessionId: id, createdAt: Date.parse(report.session.createdAt) || Date.now() });
    }
    document.title = `Report — party ${report.session.code} — Cocktail Party`;
    replaceChildren(app, toolbar(report, hostKey), renderReport(report));
  } catch (error) {
    if (error instanceof UnauthorizedError) {
      message(
        "This host key does not open the report",
        "The server answered 401: the key is wrong, or the session is not on this server. Reports open only with the host key of the party they belong to.",
        keyForm(id, isTyped ? "That key was not accepted." : null),
      );
    } else {
      const retry = el("button", { class: "btn btn-primary", text: "Try again", attrs: { type: "button" } });
      retry.addEventListener("click", () => void load(id, hostKey, isTyped));
      message("Could not load the report", error instanceof Error ? error.message : String(error), retry);
    }
  }
}

// Folded parts (long leaderboards, everything written) are unfolded on paper.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details")) details.open = true;
});

if (!sessionId) {
  message("No session here", "Open a report from the dashboard's past sessions, or use /report/<session id>.");
} else {
  const known = parties.bySessionId(sessionId);
  if (known) void load(sessionId, known.hostKey, false);
  else {
    message(
      "Host key needed",
      "This browser did not create this party, so it does not hold its host key. Paste the key (the dashboard shows it under “Host key”, the rehearsal CLI prints it) to open the report.",
      keyForm(sessionId, null),
    );
  }
}
