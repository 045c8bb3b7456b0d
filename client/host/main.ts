// The instructor's dashboard (`/host`): create a party (POST /api/parties), then drive it —
// phases, timer, lock, kick, roster with texts, attention per guest, projector focus. A reload
// gets the host back in with the host key kept in localStorage.
import { isValidJoinCode, normalizeJoinCode } from "../../shared/joinCode.js";
import { el, setText } from "../lib/dom.js";
import { ServerClock } from "../lib/serverClock.js";
import { JoinError } from "../net/joinErrors.js";
import { createParty, fetchHealth } from "../net/partyApi.js";
import { PartyConnection } from "../net/PartyConnection.js";
import { AttentionPanel } from "./attentionPanel.js";
import { forgetHostKey, lastHostedCode, loadHostKey, saveHostKey } from "./hostSession.js";
import { PartyPanel } from "./partyPanel.js";
import { PhaseControls } from "./phaseControls.js";
import { RosterTable } from "./rosterTable.js";

const app = document.getElementById("app")!;
const statusPill = document.getElementById("connection-status")!;
const backendChip = document.getElementById("backend")!;
const toast = document.getElementById("toast")!;

const connection = new PartyConnection({ role: "host", storage: sessionStorage });
const clock = new ServerClock();
const partyPanel = new PartyPanel(connection);
const phaseControls = new PhaseControls(connection, clock);
const roster = new RosterTable(connection);
const attentionPanel = new AttentionPanel(connection);

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function showToast(message: string): void {
  setText(toast, message);
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), 6000);
}

// ---- start screen ----------------------------------------------------------------------------

const startError = el("p", { class: "form-error", attrs: { role: "alert" } });
const createButton = el("button", { class: "btn btn-primary btn-big", text: "Create a party", attrs: { type: "button" } });
const resumeButton = el("button", { class: "btn btn-ghost", attrs: { type: "button" } });
const startScreen = el(
  "section",
  { class: "start-screen card" },
  el("h1", { text: "Host a cocktail party" }),
  el("p", { class: "muted", text: "Your students join on their phones, write what they need and what they offer, and watch real attention decide who listens to whom." }),
  createButton,
  resumeButton,
  startError,
);
const dashboard = el(
  "div",
  { class: "dashboard" },
  el("div", { class: "dash-top" }, partyPanel.root, phaseControls.root),
  attentionPanel.root,
  roster.root,
);
app.replaceChildren(startScreen, dashboard);

function showDashboard(isShown: boolean): void {
  startScreen.hidden = isShown;
  dashboard.hidden = !isShown;
}

async function enterParty(code: string, hostKey: string): Promise<void> {
  partyPanel.setCode(code);
  showDashboard(true);
  try {
    await connection.connect(code, { role: "host", hostKey });
    saveHostKey(code, hostKey);
    history.replaceState(null, "", `/host?code=${code}`);
    document.title = `Party ${code} — Cocktail Party`;
  } catch (err) {
    if (err instanceof JoinError && (err.kind === "not_found" || err.kind === "refused")) forgetHostKey(code);
    showDashboard(false);
    setText(startError, err instanceof JoinError ? err.message : "Could not open the party.");
    offerResume();
  }
}

createButton.addEventListener("click", async () => {
  createButton.disabled = true;
  setText(startError, "");
  try {
    const created = await createParty();
    saveHostKey(created.code, created.hostKey);
    await enterParty(created.code, created.hostKey);
  } catch (err) {
    setText(startError, `Could not create a party: ${err instanceof Error ? err.message : "server unreachable"}`);
  } finally {
    createButton.disabled = false;
  }
});

function offerResume(): void {
  const code = lastHostedCode();
  const key = code ? loadHostKey(code) : null;
  resumeButton.hidden = !(code && key);
  if (code && key) {
    setText(resumeButton, `Back to party ${code}`);
    resumeButton.onclick = () => void enterParty(code, key);
  }
}

// ---- live updates ----------------------------------------------------------------------------

connection.on("state", (snapshot) => {
  clock.observe(snapshot.serverNow, snapshot.receivedAt);
  const isOnline = connection.connectionStatus.status === "online";
  partyPanel.update(snapshot);
  phaseControls.update(snapshot, isOnline);
  roster.setSnapshot(snapshot);
  attentionPanel.setSnapshot(snapshot);
  if (snapshot.backend) setText(backendChip, `engine: ${snapshot.backend}${isGpu ? " (GPU)" : ""}`);
});
connection.on("status", (change) => {
  const label = { idle: "", connecting: "Connecting…", online: "Connected", reconnecting: "Reconnecting…", closed: "Disconnected" }[change.status];
  setText(statusPill, label);
  statusPill.dataset.status = change.status;
  statusPill.hidden = change.status === "idle";
  const snapshot = connection.snapshot;
  if (snapshot) phaseControls.update(snapshot, change.status === "online");
  if (change.status !== "closed" || !connection.snapshot) return;
  if (change.kind === "ended" || change.kind === "not_found") {
    // The room is gone (ended, or idle too long): back to the start screen.
    forgetHostKey(connection.partyCode);
    showDashboard(false);
    setText(startError, change.reason ?? "The party has ended.");
    offerResume();
  } else if (change.reason) {
    showToast(change.reason);
  }
});
connection.on("hostRoster", (payload) => roster.setRoster(payload));
connection.on("attention", (payload) => attentionPanel.setAttention(payload));
connection.on("focus", (payload) => attentionPanel.setFocus(payload.guestId));
connection.on("error", (error) => showToast(error.message));

setInterval(() => phaseControls.tick(), 250);

let isGpu = false;
fetchHealth()
  .then((health) => {
    isGpu = health.isGpu;
    setText(backendChip, `engine: ${health.backend}${health.isGpu ? " (GPU)" : ""}`);
  })
  .catch(() => setText(backendChip, "engine: unknown"));

// Reload: the address says /host?code=CODE and this browser holds that party's host key.
// A plain /host offers the last party as a button instead of jumping into it.
const urlCode = normalizeJoinCode(new URLSearchParams(location.search).get("code") ?? "");
const resumeKey = isValidJoinCode(urlCode) ? loadHostKey(urlCode) : null;
if (resumeKey) {
  void enterParty(urlCode, resumeKey);
} else {
  showDashboard(false);
  offerResume();
}
