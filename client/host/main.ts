// The instructor's dashboard (`/host`): create a party (POST /api/parties), then drive it —
// phases, timer (pause, +30 s), skip, lock, kick, rename, moderation, roster with texts,
// attention per guest with the full row of any guest, sharpness and masks, rehearsal bots,
// projector focus, and a queue of rounds (party rounds dealing from a deck of GET /api/decks,
// sentence and heads rounds on a scenario (SentencePanel; custom scenarios in ScenarioEditor),
// model rounds and training courses on a sentence (ModelPanel), the blocks walk-through
// (BlocksPanel)). Every
// party created here is remembered (PartyHistory) so a reload gets the host back in, and the
// start screen lists past sessions with Resume and Report.
import { isValidJoinCode, normalizeJoinCode } from "../../shared/joinCode.js";
import { isWatchedRound } from "../../shared/rounds.js";
import { el, setText } from "../lib/dom.js";
import { moveKeepingFocus } from "../lib/moveKeepingFocus.js";
import { ServerClock } from "../lib/serverClock.js";
import { JoinError } from "../net/joinErrors.js";
import { createParty, fetchHealth } from "../net/partyApi.js";
import { PartyConnection } from "../net/PartyConnection.js";
import { fetchSessions, UnauthorizedError } from "../report/reportApi.js";
import { AttentionControls } from "./attentionControls.js";
import { AttentionPanel } from "./attentionPanel.js";
import { engineChipText } from "./engineChip.js";
import { fetchDecks } from "./deckApi.js";
import { BlocksPanel } from "./blocksPanel.js";
import { ModelPanel } from "./modelPanel.js";
import { OpenWithKey } from "./openWithKey.js";
import { deleteScenario, fetchScenarios } from "./scenarioApi.js";
import { ScenarioEditor } from "./scenarioEditor.js";
import { SentencePanel } from "./sentencePanel.js";
import { PartyHistory, type HostedParty } from "./partyHistory.js";
import { PartyPanel } from "./partyPanel.js";
import { PastSessions } from "./pastSessions.js";
import { PhaseControls } from "./phaseControls.js";
import type { ListedScenario } from "./roundQueue.js";
import { RosterTable } from "./rosterTable.js";

const app = document.getElementById("app")!;
const statusPill = document.getElementById("connection-status")!;
const backendChip = document.getElementById("backend")!;
const toast = document.getElementById("toast")!;

const parties = PartyHistory.local();
const connection = new PartyConnection({ role: "host", storage: sessionStorage });
const clock = new ServerClock();
const partyPanel = new PartyPanel(connection);
const phaseControls = new PhaseControls(connection, clock);
const attentionControls = new AttentionControls(connection);
const roster = new RosterTable(connection);
const attentionPanel = new AttentionPanel(connection);
const modelPanel = new ModelPanel(connection);
const sentencePanel = new SentencePanel(connection);
const blocksPanel = new BlocksPanel(connection);
/** The party open on this dashboard (saving a scenario needs its key). */
let openParty: HostedParty | null = null;
const scenarioEditor = new ScenarioEditor({
  party: () => (openParty ? { code: openParty.code, hostKey: openParty.hostKey } : null),
  scenarios: () => scenarioList,
  onSaved: (id, title) => {
    showToast(`Saved “${title}”: pick it in the round queue.`);
    loadScenarios(id);
  },
});
let scenarioList: Awaited<ReturnType<typeof fetchScenarios>> = [];
phaseControls.onWriteScenario = () => scenarioEditor.open();
phaseControls.onDeleteScenario = (scenario) => void deleteCustomScenario(scenario);

/** Asks first; built-ins never get here (the button is only offered for the party's own). */
async function deleteCustomScenario(scenario: ListedScenario): Promise<void> {
  const party = openParty;
  if (!party) return;
  const queued = phaseControls.queuedWithScenario(scenario.id);
  const alsoQueued = queued === 0 ? "" : ` ${queued === 1 ? "The queued round" : `The ${queued} queued rounds`} playing it will leave the queue.`;
  if (!confirm(`Delete “${scenario.title}” from this party? Rounds already played keep their results.${alsoQueued}`)) return;
  try {
    const answer = await deleteScenario(party.code, party.hostKey, scenario.id);
    if (!answer.ok) {
      showToast(`Could not delete “${scenario.title}”: ${answer.message}`);
      return;
    }
    phaseControls.forgetScenario(scenario.id);
    showToast(`Deleted “${scenario.title}”.`);
    loadScenarios();
  } catch {
    showToast(`Could not delete “${scenario.title}”: the server could not be reached.`);
  }
}
const pastSessions = new PastSessions(parties, (row) => {
  location.assign(`/host?code=${encodeURIComponent(row.code)}`);
});

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
// Another computer's party: the key must open that party's session, still running.
const openWithKey = new OpenWithKey(async (code, hostKey) => {
  let sessionId: string;
  try {
    const sessions = await fetchSessions(hostKey);
    const session = sessions.find((s) => s.code === code && s.status === "open");
    if (!session) return sessions.some((s) => s.code === code) ? `Party ${code} has ended; its report opens with this key.` : `This host key does not run party ${code}.`;
    sessionId = session.id;
  } catch (err) {
    return err instanceof UnauthorizedError ? "No party opens with this host key." : "The server could not check the key; try again.";
  }
  await enterParty({ code, hostKey, sessionId, createdAt: Date.now() });
  return null;
});
const startScreen = el(
  "div",
  { class: "start-stack" },
  el(
    "section",
    { class: "start-screen card" },
    el("h1", { text: "Host a cocktail party" }),
    el("p", { class: "muted", text: "Your students join on their phones, write what they need and what they offer, and watch real attention decide who listens to whom." }),
    createButton,
    resumeButton,
    startError,
    openWithKey.root,
  ),
  pastSessions.root,
);
const endedBanner = el(
  "section",
  { class: "card ended-banner", attrs: { role: "status" } },
  el("h2", { text: "This party has ended" }),
  el(
    "p",
    { class: "muted" },
    "Nothing more can change: no new rounds or guests, and the controls are off. Everything is saved — the report has every round, the best queries and name tags, and the leaderboard; the projector shows the podium.",
  ),
);
const endedReport = el("a", { class: "btn btn-primary", text: "Open the report ↗", attrs: { target: "_blank", rel: "noopener" } });
const newParty = el("button", { class: "btn btn-secondary", text: "Back to the start", attrs: { type: "button" } });
newParty.addEventListener("click", () => location.assign("/host"));
endedBanner.append(el("div", { class: "control-row" }, endedReport, newParty));
endedBanner.hidden = true;

const roundPanels = [modelPanel.root, sentencePanel.root, blocksPanel.root];
const dashRight = el("div", { class: "dash-right" }, phaseControls.root, phaseControls.queueRoot, ...roundPanels, attentionControls.root);
const dashboard = el(
  "div",
  { class: "dashboard" },
  endedBanner,
  el("div", { class: "dash-top" }, partyPanel.root, dashRight),
  attentionPanel.root,
  roster.root,
);
app.replaceChildren(startScreen, dashboard, scenarioEditor.root);

function showDashboard(isShown: boolean): void {
  startScreen.hidden = isShown;
  dashboard.hidden = !isShown;
  if (!isShown) void pastSessions.load();
}

function setSessionId(sessionId: string): void {
  partyPanel.setSessionId(sessionId);
  endedReport.hidden = !sessionId;
  if (sessionId) endedReport.href = `/report/${encodeURIComponent(sessionId)}`;
}

/** The decks are listed again each time a party opens: the server may have gained some. */
function loadDecks(): void {
  fetchDecks()
    .then((decks) => phaseControls.setDecks(decks))
    .catch(() => showToast("Could not list the party decks: rounds use the server's default deck."));
}

/** Built-ins and this party's own scenarios; `select` picks one (a freshly saved scenario). */
function loadScenarios(select?: string): void {
  const party = openParty;
  if (!party) return;
  fetchScenarios(party.code, party.hostKey)
    .then((scenarios) => {
      scenarioList = scenarios;
      phaseControls.setScenarios(scenarios, select);
      if (select) phaseControls.pickScenario(select);
    })
    .catch(() => showToast("Could not list the scenarios: sentence rounds play the server's default scenario."));
}

async function enterParty(party: HostedParty): Promise<void> {
  openParty = party;
  partyPanel.setCode(party.code);
  phaseControls.setParty(party.code);
  loadDecks();
  loadScenarios();
  partyPanel.setHostKey(party.hostKey);
  setSessionId(party.sessionId);
  showDashboard(true);
  try {
    await connection.connect(party.code, { role: "host", hostKey: party.hostKey });
    parties.remember(party);
    window.history.replaceState(null, "", `/host?code=${party.code}`);
    document.title = `Party ${party.code} — Cocktail Party`;
    if (!party.sessionId) void learnSessionId(party);
  } catch (err) {
    parties.clearLast(party.code);
    showDashboard(false);
    setText(startError, err instanceof JoinError ? err.message : "Could not open the party.");
    offerResume();
  }
}

/** A party remembered without its session id: the server knows which open session the key opens. */
async function learnSessionId(party: HostedParty): Promise<void> {
  try {
    const sessions = await fetchSessions(party.hostKey);
    const session = sessions.find((s) => s.code === party.code && s.status === "open") ?? sessions[0];
    if (!session) return;
    parties.remember({ ...party, sessionId: session.id });
    if (connection.partyCode === party.code) setSessionId(session.id);
  } catch {
    /* the report link stays hidden; the party itself runs fine */
  }
}

createButton.addEventListener("click", async () => {
  createButton.disabled = true;
  setText(startError, "");
  try {
    const created = await createParty();
    const party: HostedParty = { code: created.code, hostKey: created.hostKey, sessionId: created.sessionId, createdAt: Date.now() };
    parties.remember(party);
    await enterParty(party);
  } catch (err) {
    setText(startError, `Could not create a party: ${err instanceof Error ? err.message : "server unreachable"}`);
  } finally {
    createButton.disabled = false;
  }
});

function offerResume(): void {
  const code = parties.lastCode();
  const party = code ? parties.byCode(code) : undefined;
  resumeButton.hidden = !party;
  if (party) {
    setText(resumeButton, `Back to party ${party.code}`);
    resumeButton.onclick = () => void enterParty(party);
  }
}

// ---- live updates ----------------------------------------------------------------------------

let isGpu = false;
connection.on("state", (snapshot) => {
  clock.observe(snapshot.serverNow, snapshot.receivedAt);
  const isOnline = connection.connectionStatus.status === "online";
  partyPanel.update(snapshot);
  phaseControls.update(snapshot, isOnline);
  attentionControls.update(snapshot, isOnline);
  roster.setSnapshot(snapshot);
  attentionPanel.setSnapshot(snapshot);
  modelPanel.setSnapshot(snapshot);
  sentencePanel.setSnapshot(snapshot);
  blocksPanel.setSnapshot(snapshot);
  phaseControls.setTraining(modelPanel.isTraining);
  // Sharpness and masks shape the class's own attention; the models' rounds do not use them.
  const isModelShown = (isWatchedRound(snapshot.roundType) || snapshot.roundType === "blocks") && snapshot.phase !== "lobby" && snapshot.phase !== "ended";
  const isEnded = snapshot.phase === "ended";
  attentionControls.root.hidden = isModelShown || isEnded;
  // While a round runs, its own panel sits right under the phase buttons; between rounds, the plan.
  const isRunning = snapshot.phase === "brief" || snapshot.phase === "write" || snapshot.phase === "reveal";
  const order = isRunning ? [...roundPanels, phaseControls.queueRoot] : [phaseControls.queueRoot, ...roundPanels];
  if (phaseControls.root.nextElementSibling !== order[0]) moveKeepingFocus(() => phaseControls.root.after(...order));
  // Ended: the banner with the report on top; every control that could change something is gone.
  endedBanner.hidden = !isEnded;
  dashboard.classList.toggle("is-ended", isEnded);
  if (isEnded) {
    scenarioEditor.close();
    parties.clearLast(connection.partyCode);
  }
  if (snapshot.backend && !backendChip.textContent?.startsWith(`engine: ${snapshot.backend}`)) setText(backendChip, `engine: ${snapshot.backend}${isGpu ? " (GPU)" : ""}`);
});
connection.on("status", (change) => {
  const label = { idle: "", connecting: "Connecting…", online: "Connected", reconnecting: "Reconnecting…", closed: "Disconnected" }[change.status];
  setText(statusPill, label);
  statusPill.dataset.status = change.status;
  statusPill.hidden = change.status === "idle";
  const snapshot = connection.snapshot;
  if (snapshot) {
    phaseControls.update(snapshot, change.status === "online");
    attentionControls.update(snapshot, change.status === "online");
  }
  if (change.status !== "closed" || !connection.snapshot) return;
  if (change.kind === "ended" || change.kind === "not_found") {
    // The room is gone (ended, or idle too long): back to the start screen. The party stays in
    // the history: its report is still there.
    parties.clearLast(connection.partyCode);
    showDashboard(false);
    setText(startError, change.reason ?? "The party has ended.");
    offerResume();
  } else if (change.reason) {
    showToast(change.reason);
  }
});
connection.on("hostRoster", (payload) => roster.setRoster(payload));
connection.on("attention", (payload) => {
  attentionPanel.setAttention(payload);
  refreshEngineChip(); // a reveal changed the engine's batch sizes
});
connection.on("matrix", (payload) => attentionPanel.setMatrix(payload));
connection.on("focus", (payload) => attentionPanel.setFocus(payload.guestId));
connection.on("modelSentence", (payload) => modelPanel.setSentence(payload));
connection.on("modelAttention", (payload) => modelPanel.setAttention(payload));
connection.on("courseProgress", (payload) => {
  modelPanel.setProgress(payload);
  phaseControls.setTraining(modelPanel.isTraining);
});
connection.on("headFocus", (payload) => {
  modelPanel.setHeadFocus(payload);
  sentencePanel.setHeadFocus(payload);
});
connection.on("sentenceSeating", (payload) => sentencePanel.setSeating(payload));
connection.on("sentenceAttention", (payload) => sentencePanel.setAttention(payload));
connection.on("blocks", (payload) => blocksPanel.setBlocks(payload));
// A sentence the server refused is explained next to the box it was typed in.
connection.on("error", (error) => {
  if (phaseControls.takeError(error) || modelPanel.takeError(error)) return;
  showToast(error.message);
});
// Not an error: the round started, without the words the models do not know.
connection.on("notice", (notice) => phaseControls.takeNotice(notice));

setInterval(() => phaseControls.tick(), 250);

function refreshEngineChip(): void {
  fetchHealth()
    .then((health) => {
      isGpu = health.isGpu;
      setText(backendChip, engineChipText(health));
    })
    .catch(() => setText(backendChip, "engine: unknown"));
}
refreshEngineChip();

// Reload or Resume: the address says /host?code=CODE and this browser holds that party's key.
// A plain /host offers the last party as a button instead of jumping into it.
const urlCode = normalizeJoinCode(new URLSearchParams(location.search).get("code") ?? "");
const resumeParty = isValidJoinCode(urlCode) ? parties.byCode(urlCode) : undefined;
if (resumeParty) {
  void enterParty(resumeParty);
} else {
  showDashboard(false);
  offerResume();
  if (isValidJoinCode(urlCode)) openWithKey.offer(urlCode);
}
