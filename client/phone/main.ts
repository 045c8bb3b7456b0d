// The student's phone page (`/`): joins a party and shows the one screen that fits the room's
// phase (lobby, card, writing, results, leaderboard; in model and course rounds the prediction
// question, the live training and the prediction's result; in sentence and heads rounds the word
// the student plays, the form for it and its result against the key; in the blocks round the
// walk-through's step). Plain DOM, no Phaser, so it loads fast
// on a school network. All networking goes through PartyConnection.
import { normalizeJoinCode } from "../../shared/joinCode.js";
import { ClientMessage, type CardPayload, type ResultPayload, type SubmittedPayload } from "../../shared/messages.js";
import type { ModelSentencePayload, PredictionResultPayload } from "../../shared/modelRound.js";
import type { GuestView } from "../../shared/roomState.js";
import type { SeatPayload, SentenceResultPayload } from "../../shared/sentenceRound.js";
import { isWatchedRound } from "../../shared/rounds.js";
import { el, setText } from "../lib/dom.js";
import { ServerClock } from "../lib/serverClock.js";
import { JoinError } from "../net/joinErrors.js";
import { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { UnknownWordChecker } from "../net/unknownWords.js";
import { BlocksView } from "./blocksView.js";
import { DraftStore, isSameTexts } from "./drafts.js";
import { JoinView, type JoinRequest } from "./joinView.js";
import { ModelResultView } from "./modelResultView.js";
import { forgetSession, kickedSecret, loadSession, rememberKicked, resumableSession, saveSession } from "./phoneSession.js";
import { QuestionView } from "./questionView.js";
import { ResultView } from "./resultView.js";
import { SeatBriefView } from "./seatView.js";
import { SentenceResultView } from "./sentenceResultView.js";
import { BriefView, ClosedView, LobbyView, ScoresView } from "./statusViews.js";
import { WriteView } from "./writeView.js";

const app = document.getElementById("app")!;
const codeChip = document.getElementById("party-code")!;
const statusPill = document.getElementById("connection-status")!;
const toast = document.getElementById("toast")!;
const reconnectBanner = document.getElementById("reconnect-banner")!;
const reconnectDetail = document.getElementById("reconnect-detail")!;

const connection = new PartyConnection({ role: "student", storage: localStorage });
const clock = new ServerClock();

let myName = "";
let myGuestId: string | null = null;
let mySecret: string | undefined;
let card: CardPayload | null = null;
let result: ResultPayload | null = null;
/** The texts the room stored for this student this round (its half of every match in the result). */
let submitted: SubmittedPayload | null = null;
/** Model and course rounds: the sentence and question, and how this student's pick went. */
let modelSentence: ModelSentencePayload | null = null;
let prediction: PredictionResultPayload | null = null;
/** Sentence and heads rounds: the word this student plays, and how its attention went. */
let seat: SeatPayload | null = null;
let sentenceResult: SentenceResultPayload | null = null;
let roundShown = -1;
let isJoining = false;

const joinView = new JoinView((request) => void join(request));
const lobbyView = new LobbyView();
const briefView = new BriefView();
const drafts = new DraftStore(storageOrNull());
drafts.prune();
/** Our own submission is on its way: its acknowledgement means the room has the texts (the draft can go). */
let isSubmitPending = false;
/** The round whose draft was already looked for (once per round: restoring again would move the cursor). */
let draftCheckedRound = -1;
const writeView = new WriteView(
  (payload) => {
    const isSent = connection.send(ClientMessage.submit, payload);
    if (isSent) isSubmitPending = true;
    return isSent;
  },
  new UnknownWordChecker(),
  (texts) => {
    const snapshot = connection.snapshot;
    if (myGuestId && snapshot?.phase === "write") drafts.save(connection.partyCode, myGuestId, snapshot.roundNumber, texts);
  },
);
const resultView = new ResultView();
const questionView = new QuestionView((choice) => connection.send(ClientMessage.predict, { choice }));
const modelResultView = new ModelResultView();
const seatBriefView = new SeatBriefView();
const sentenceResultView = new SentenceResultView();
const blocksView = new BlocksView();
const scoresView = new ScoresView();
const closedView = new ClosedView(() => {
  forgetSession();
  joinView.prefill(connection.partyCode, myName);
  showView(joinView.root);
  joinView.focus();
});
const connecting = el("section", { class: "view center" }, el("div", { class: "glass", attrs: { "aria-hidden": "true" } }), el("p", { class: "muted", text: "Connecting to the party…" }));
const allViews = [
  joinView.root,
  lobbyView.root,
  briefView.root,
  writeView.root,
  resultView.root,
  questionView.root,
  modelResultView.root,
  seatBriefView.root,
  sentenceResultView.root,
  blocksView.root,
  scoresView.root,
  closedView.root,
  connecting,
];
app.replaceChildren(...allViews);

function showView(view: HTMLElement): void {
  for (const v of allViews) v.hidden = v !== view;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function showToast(message: string): void {
  setText(toast, message);
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), 5000);
}

/** localStorage, or null where the browser blocks it. */
function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Puts back what this guest was writing in this round before a reload, unless the room already
 * has exactly that (then the draft is done with).
 */
function restoreDraft(roundNumber: number): void {
  if (!myGuestId) return;
  const draft = drafts.load(connection.partyCode, myGuestId, roundNumber);
  if (!draft) return;
  if (submitted && isSameTexts(draft, submitted)) {
    drafts.clear(connection.partyCode, myGuestId);
    return;
  }
  writeView.restoreDraft(draft);
}

/** Drafts live while their round is being written; after that the room has the texts or the chance is gone. */
function keepDrafts(snapshot: PartySnapshot, isPlaying: boolean): void {
  if (!myGuestId) return;
  if (snapshot.phase !== "write" && snapshot.phase !== "brief") drafts.clear(connection.partyCode, myGuestId);
  else if (snapshot.phase === "write" && isPlaying && draftCheckedRound !== snapshot.roundNumber) {
    draftCheckedRound = snapshot.roundNumber;
    restoreDraft(snapshot.roundNumber);
  }
}

function findMe(snapshot: PartySnapshot): GuestView | undefined {
  return snapshot.guests.find((g) => g.id === myGuestId) ?? snapshot.guests.find((g) => g.id === connection.sessionId);
}

/**
 * The phase to show: the room's, except that this round's result counts as its reveal. A result is
 * a message and the phase a state patch, and the room may hold its patches for a moment while many
 * parties reveal at once (RevealBurstHold): the row is on the phone as soon as it arrives.
 */
function shownPhase(snapshot: PartySnapshot, resultRound: number | undefined): PartySnapshot["phase"] {
  return snapshot.phase === "write" && resultRound === snapshot.roundNumber ? "reveal" : snapshot.phase;
}

/** Picks and updates the screen for the room's phase. */
function render(): void {
  const snapshot = connection.snapshot;
  const status = connection.connectionStatus;
  if (status.status === "closed" && status.kind !== "left") {
    if (!snapshot) return; // a failed first join stays on the join form, which shows the error
    closedView.update(status.reason ?? "The connection closed.");
    showView(closedView.root);
    return;
  }
  if (!snapshot) {
    showView(isJoining ? connecting : joinView.root);
    return;
  }
  const me = findMe(snapshot);
  const isPlaying = me?.isPlaying ?? false;
  if (snapshot.roundNumber !== roundShown) {
    if (roundShown !== -1) {
      writeView.reset();
      questionView.reset();
      submitted = null;
    }
    roundShown = snapshot.roundNumber;
  }
  keepDrafts(snapshot, isPlaying);
  const isRoundOn = snapshot.phase !== "lobby" && snapshot.phase !== "scores" && snapshot.phase !== "ended";
  if (isWatchedRound(snapshot.roundType) && isRoundOn) {
    renderModelRound(snapshot, isPlaying);
    return;
  }
  if ((snapshot.roundType === "sentence" || snapshot.roundType === "heads") && isRoundOn) {
    renderSentenceRound(snapshot, isPlaying, me?.hasSubmitted ?? false);
    return;
  }
  if (snapshot.roundType === "blocks" && isRoundOn) {
    blocksView.update(snapshot);
    showView(blocksView.root);
    return;
  }
  writeView.setSeat(null);
  switch (shownPhase(snapshot, result?.roundNumber)) {
    case "lobby":
      lobbyView.update(snapshot, me);
      showView(lobbyView.root);
      break;
    case "brief":
      briefView.update(card, isPlaying);
      showView(briefView.root);
      break;
    case "write":
      if (!isPlaying) {
        briefView.update(card, false);
        showView(briefView.root);
        break;
      }
      writeView.setCard(card);
      writeView.setWritingState(snapshot.isWritingOpen, me?.hasSubmitted ?? false, snapshot.isPaused);
      showView(writeView.root);
      break;
    case "reveal":
      if (result && result.roundNumber === snapshot.roundNumber) resultView.show(result, submitted);
      else resultView.showPending(!isPlaying ? "watching" : (me?.hasSubmitted ?? false) ? "pending" : "satOut");
      showView(resultView.root);
      break;
    case "scores":
    case "ended":
      scoresView.update(snapshot, me);
      showView(scoresView.root);
      break;
  }
}

/** Sentence and heads rounds: the seat (brief), the form for the word (write), its result (reveal). */
function renderSentenceRound(snapshot: PartySnapshot, isPlaying: boolean, hasSubmitted: boolean): void {
  const mySeat = seat?.roundNumber === snapshot.roundNumber ? seat : null;
  if (shownPhase(snapshot, sentenceResult?.roundNumber) === "reveal") {
    if (sentenceResult && sentenceResult.roundNumber === snapshot.roundNumber) sentenceResultView.show(sentenceResult, mySeat);
    else sentenceResultView.showPending(isPlaying && mySeat !== null);
    showView(sentenceResultView.root);
    return;
  }
  if (snapshot.phase === "write" && isPlaying && mySeat) {
    writeView.setSeat(mySeat);
    writeView.setWritingState(snapshot.isWritingOpen, hasSubmitted, snapshot.isPaused);
    showView(writeView.root);
    return;
  }
  seatBriefView.update(mySeat, isPlaying, snapshot.roundType);
  showView(seatBriefView.root);
}

/** Model and course rounds: the question (brief, write), the training and the result (reveal). */
function renderModelRound(snapshot: PartySnapshot, isPlaying: boolean): void {
  const sentence = modelSentence?.roundNumber === snapshot.roundNumber ? modelSentence : null;
  const isCourse = snapshot.roundType === "course";
  if (snapshot.phase === "brief" || snapshot.phase === "write") {
    if (sentence) questionView.setQuestion(sentence);
    if (!isPlaying) questionView.setMode("watching");
    else if (snapshot.phase === "brief") questionView.setMode("brief");
    else questionView.setMode(snapshot.isWritingOpen ? "open" : "closed");
    questionView.setPaused(snapshot.phase === "write" && snapshot.isWritingOpen && snapshot.isPaused);
    showView(questionView.root);
    return;
  }
  const course = { step: snapshot.courseStep, totalSteps: snapshot.courseTotalSteps, accuracy: snapshot.courseAccuracy };
  if (prediction && prediction.roundNumber === snapshot.roundNumber) {
    modelResultView.show(prediction, isCourse, isCourse ? course : null, sentence?.sentence ?? null);
  } else if (isCourse) {
    const pick = questionView.pick;
    modelResultView.showTraining(course, pick !== null && sentence ? (sentence.tokens[pick] ?? null) : null);
  } else {
    modelResultView.showPending(isPlaying);
  }
  showView(modelResultView.root);
}

function renderStatus(): void {
  const { status } = connection.connectionStatus;
  const label = { idle: "", connecting: "Connecting…", online: "Online", reconnecting: "Reconnecting…", closed: "Offline" }[status];
  setText(statusPill, label);
  statusPill.dataset.status = status;
  // A refused first join is not "offline": the join form explains what went wrong.
  const isJoinFailure = status === "closed" && !connection.snapshot;
  statusPill.hidden = status === "idle" || isJoinFailure;
  setText(codeChip, connection.partyCode);
  codeChip.hidden = !connection.partyCode || isJoinFailure;
  // The pill is small; losing the connection mid-round deserves a banner the student can't miss.
  reconnectBanner.hidden = status !== "reconnecting";
  setText(reconnectDetail, `${navigator.onLine ? "" : "You're offline. "}Your seat, texts and points are kept.`);
}

async function join(request: JoinRequest): Promise<void> {
  if (isJoining) return;
  isJoining = true;
  myName = request.name;
  // Same party and same name: come back as the same guest (card, texts, points).
  const previous = resumableSession(request.code);
  const isSameGuest = previous?.name === request.name;
  mySecret = isSameGuest ? previous.rejoinSecret : kickedSecret(request.code);
  myGuestId = isSameGuest ? (previous.guestId ?? null) : null;
  if (!isSameGuest) {
    // A different guest on this page: nothing of the previous one may show (card, texts, points).
    card = null;
    result = null;
    submitted = null;
    modelSentence = null;
    prediction = null;
    seat = null;
    sentenceResult = null;
    roundShown = -1;
    writeView.reset();
    questionView.reset();
  }
  joinView.setBusy(true);
  try {
    await connection.connect(request.code, { role: "student", name: request.name, ...(mySecret ? { rejoinSecret: mySecret } : {}) });
    saveSession({ code: request.code, name: request.name, rejoinSecret: mySecret, guestId: myGuestId ?? undefined });
    history.replaceState(null, "", `/?code=${request.code}`);
  } catch (err) {
    const message = err instanceof JoinError ? err.message : "Could not join. Try again.";
    joinView.showError(message, err instanceof JoinError && err.kind === "not_found" ? "code" : null);
    showView(joinView.root);
  } finally {
    isJoining = false;
    joinView.setBusy(false);
    renderStatus();
    render();
  }
}

document.getElementById("reconnect-retry")!.addEventListener("click", () => connection.retryNow());
window.addEventListener("online", renderStatus);
window.addEventListener("offline", renderStatus);

connection.on("state", (snapshot) => {
  clock.observe(snapshot.serverNow, snapshot.receivedAt);
  render();
});
connection.on("status", (status) => {
  if (status.status === "closed" && status.kind === "kicked" && mySecret && connection.partyCode) rememberKicked(connection.partyCode, mySecret);
  renderStatus();
  render();
});
connection.on("welcome", (welcome) => {
  myGuestId = welcome.guestId;
  myName = welcome.name;
  mySecret = welcome.rejoinSecret;
  saveSession({ code: connection.partyCode, name: welcome.name, rejoinSecret: welcome.rejoinSecret, guestId: welcome.guestId });
  // If the seat ever expires, the automatic rejoin must bring this guest back, not a new one.
  connection.setJoinOptions({ role: "student", name: welcome.name, rejoinSecret: welcome.rejoinSecret });
  render();
});
connection.on("card", (payload) => {
  card = payload;
  render();
});
connection.on("submitted", (payload) => {
  submitted = payload;
  writeView.showSubmitted(payload);
  const snapshot = connection.snapshot;
  if (isSubmitPending) {
    // The room has what was just sent: the draft is done with.
    isSubmitPending = false;
    if (myGuestId) drafts.clear(connection.partyCode, myGuestId);
  } else if (snapshot?.phase === "write") {
    // The room's copy after a reload: changes typed after sending it come back as an edit.
    restoreDraft(snapshot.roundNumber);
  }
});
connection.on("result", (payload) => {
  result = payload;
  render();
});
connection.on("heard", (payload) => {
  // The row came first; what this guest heard follows once the server's word search is done.
  if (!result || result.roundNumber !== payload.roundNumber) return;
  result = { ...result, heardWords: payload.heardWords, isHeardPending: false };
  if (!resultView.showHeard(result)) render();
});
connection.on("modelSentence", (payload) => {
  modelSentence = payload;
  render();
});
connection.on("predicted", (payload) => {
  questionView.setPicked(payload.choice);
  render();
});
connection.on("seat", (payload) => {
  seat = payload;
  render();
});
connection.on("sentenceResult", (payload) => {
  sentenceResult = payload;
  render();
});
connection.on("predictionResult", (payload) => {
  prediction = payload;
  render();
});
connection.on("error", (error) => {
  isSubmitPending = false; // refused: the draft stays until the texts really are with the room
  const snapshot = connection.snapshot;
  if (snapshot?.phase === "write" && isWatchedRound(snapshot.roundType)) questionView.showError(error.message);
  else if (error.code === "empty_fields" || snapshot?.phase === "write") writeView.showError(error);
  else showToast(error.message);
});

setInterval(() => {
  const snapshot = connection.snapshot;
  if (snapshot?.phase !== "write") return;
  // Paused: no end time (phaseEndsAt is 0) and the views say "Paused" instead of a countdown.
  const isPaused = snapshot.isWritingOpen && snapshot.isPaused;
  const secondsLeft = snapshot.isWritingOpen && !isPaused ? clock.secondsLeft(snapshot.phaseEndsAt) : null;
  if (isWatchedRound(snapshot.roundType)) questionView.setTimer(secondsLeft, isPaused);
  else writeView.setTimer(secondsLeft, isPaused);
}, 250);

// First load: resume the last party if the phone was in one (reload, sleep, new tab), else
// show the join form with the code from the link.
const urlCode = normalizeJoinCode(new URLSearchParams(location.search).get("code") ?? "");
const resumable = resumableSession(urlCode || undefined);
if (resumable) {
  joinView.prefill(resumable.code, resumable.name);
  void join({ code: resumable.code, name: resumable.name });
} else {
  joinView.prefill(urlCode, loadSession()?.name ?? "");
  showView(joinView.root);
  joinView.focus();
}
renderStatus();
