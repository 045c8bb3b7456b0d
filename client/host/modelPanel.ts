// Dashboard in model and course rounds: the sentence and the question the phones answer; after the
// reveal the trained model's answer next to the untrained model's and the class's votes; the head
// the projector shows (host:selectHead); "Try another sentence" (host:modelSentence: the trained
// model handles any sentence on the fly — it learned the recipe, not the answers) with the
// server's verdict beside the box; during the course its progress and "Stop training".
import { ClientMessage, type ErrorPayload } from "../../shared/messages.js";
import type { CourseProgressPayload, HeadFocusPayload, ModelAttentionPayload, ModelSentencePayload, SentencePattern } from "../../shared/modelRound.js";
import { isWatchedRound, ROUND_TITLES } from "../../shared/rounds.js";
import { el, percent, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { MAX_SENTENCE_CHARS } from "./roundQueue.js";
import { courseStatus, headOptions, heaviest, linkTable, shortQuestion, voteLine } from "./watchedRound.js";

/** An error within this long of "Show on the projector" is the server's verdict on that sentence. */
const TRY_WAIT_MS = 30_000;

export class ModelPanel {
  readonly root: HTMLElement;
  private readonly title = el("h2", { attrs: { id: "model-title" } });
  private readonly tag = el("p", { class: "round-label" });
  private readonly sentence = el("p", { class: "model-sentence-host" });
  private readonly question = el("p", { class: "model-question" });
  /** Words of the sentence the models do not know: left out, said as a warning (the round goes on). */
  private readonly unknown = el("p", { class: "sentence-note unknown-words-note", attrs: { "data-kind": "warning" } });
  private readonly answer = el("div", { class: "model-answer" });
  private readonly course = el("div", { class: "course-box" });
  private readonly courseFill = el("span", { class: "progress-fill" });
  private readonly courseLine = el("p", { class: "course-line" });
  private readonly stopButton = el("button", { class: "btn btn-danger", text: "Stop training", attrs: { type: "button", "data-control": "stop-course" } });
  private readonly heads = el("div", { class: "head-picker", attrs: { role: "group", "aria-labelledby": "head-picker-title" } });
  private readonly headBox: HTMLElement;
  private readonly tryBox: HTMLElement;
  private readonly tryInput = el("textarea", {
    attrs: { id: "try-sentence", rows: 1, maxlength: MAX_SENTENCE_CHARS, spellcheck: "false", placeholder: "The dog chased the cat in the park because it was angry.", "aria-describedby": "try-sentence-note" },
  });
  private readonly tryButton = el("button", { class: "btn btn-primary", text: "Show on the projector", attrs: { type: "button", "data-control": "try-sentence" } });
  private readonly tryNote = el("p", { class: "sentence-note", attrs: { id: "try-sentence-note", role: "alert" } });
  private readonly linksBody = el("div", { class: "table-scroll" });
  private readonly linksTitle = el("summary");
  private readonly links = el("details", { class: "links-box" }, this.linksTitle, this.linksBody);
  private snapshot: PartySnapshot | null = null;
  private payload: ModelSentencePayload | null = null;
  /** The reveal's payload (with the question), and what the projector shows now (maybe a new sentence). */
  private revealed: ModelAttentionPayload | null = null;
  private shown: ModelAttentionPayload | null = null;
  private progress: CourseProgressPayload | null = null;
  private head: number | null = null;
  private pendingTry: { sentence: string; at: number } | null = null;

  constructor(private readonly connection: PartyConnection) {
    this.stopButton.addEventListener("click", () => this.connection.send(ClientMessage.stopCourse, {}));
    this.tryButton.addEventListener("click", () => this.trySentence());
    this.tryInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.trySentence();
      }
    });
    this.tryInput.addEventListener("input", () => {
      if (!this.pendingTry) this.note("", "ok");
    });
    const progress = el("div", { class: "progress", attrs: { "aria-hidden": "true" } }, this.courseFill);
    this.course.append(el("h3", { text: "Training course" }), progress, el("div", { class: "course-row" }, this.courseLine, this.stopButton));
    this.headBox = el("div", { class: "head-box" }, el("h3", { text: "The projector shows", attrs: { id: "head-picker-title" } }), this.heads);
    this.tryBox = el(
      "div",
      { class: "try-box" },
      el("label", { class: "seconds-label", attrs: { for: "try-sentence" } }, "Try another sentence — the trained model handles any sentence on the fly"),
      el("div", { class: "try-row" }, this.tryInput, this.tryButton),
      this.tryNote,
    );
    this.root = el(
      "section",
      { class: "card model-panel", attrs: { "aria-labelledby": "model-title" } },
      el("div", { class: "phase-head" }, this.title, this.tag),
      this.sentence,
      this.unknown,
      this.question,
      this.course,
      this.answer,
      this.headBox,
      this.tryBox,
      this.links,
    );
    this.root.hidden = true;
  }

  /** Whether a course is training now ("Show scores" waits for it). */
  get isTraining(): boolean {
    const s = this.snapshot;
    if (!s || s.roundType !== "course" || s.phase !== "reveal") return false;
    if (this.progress?.roundNumber === s.roundNumber) return !this.progress.isFinished;
    return s.courseTotalSteps > 0 && s.courseStep < s.courseTotalSteps;
  }

  setSnapshot(snapshot: PartySnapshot): void {
    const isNewRound = this.snapshot?.roundNumber !== snapshot.roundNumber;
    this.snapshot = snapshot;
    if (isNewRound) {
      this.revealed = null;
      this.shown = null;
      this.progress = null;
      this.pendingTry = null;
      this.note("", "ok");
    }
    this.render();
  }

  setSentence(payload: ModelSentencePayload): void {
    this.payload = payload;
    this.render();
  }

  setAttention(payload: ModelAttentionPayload): void {
    if (payload.question) this.revealed = payload;
    this.shown = payload;
    if (this.pendingTry) {
      this.pendingTry = null;
      this.note(`On the projector now: “${payload.sentence}”`, "ok");
      this.tryButton.disabled = false;
    }
    this.render();
  }

  setProgress(payload: CourseProgressPayload): void {
    this.progress = payload;
    this.render();
  }

  setHeadFocus(payload: HeadFocusPayload): void {
    this.head = payload.head;
    this.render();
  }

  /** The server's answer to "Show on the projector": shown under the box instead of as a toast. */
  takeError(error: ErrorPayload): boolean {
    if (!this.pendingTry || Date.now() - this.pendingTry.at > TRY_WAIT_MS) return false;
    this.pendingTry = null;
    this.tryButton.disabled = false;
    this.note(error.message, "error");
    return true;
  }

  private trySentence(): void {
    const sentence = this.tryInput.value.replace(/\s+/g, " ").trim();
    if (!sentence) {
      this.note("Type a sentence first.", "error");
      this.tryInput.focus();
      return;
    }
    if (!this.connection.send(ClientMessage.modelSentence, { sentence })) {
      this.note("Not connected — try again in a moment.", "error");
      return;
    }
    this.pendingTry = { sentence, at: Date.now() };
    this.tryButton.disabled = true;
    this.note("Both models are reading it…", "busy");
  }

  private note(text: string, kind: "error" | "busy" | "ok"): void {
    setText(this.tryNote, text);
    this.tryNote.dataset.kind = kind;
    this.tryInput.toggleAttribute("aria-invalid", kind === "error" && text !== "");
  }

  private render(): void {
    const s = this.snapshot;
    const isShown = !!s && isWatchedRound(s.roundType) && s.phase !== "lobby" && s.phase !== "ended";
    this.root.hidden = !isShown;
    if (!s || !isShown) return;
    const isCourse = s.roundType === "course";
    const isAfterReveal = s.phase === "reveal" || s.phase === "scores";
    const p = this.payload?.roundNumber === s.roundNumber ? this.payload : null;
    setText(this.title, ROUND_TITLES[isCourse ? "course" : "model"]);
    setText(this.tag, `Round ${s.roundNumber}`);
    setText(this.sentence, p ? `“${p.sentence}”` : "Both models are reading the sentence…");
    setText(
      this.question,
      p
        ? `Phones predict: which word will “${p.question.word}” pay attention to? (head ${p.question.head + 1} · ${p.question.headQuestion})`
        : "",
    );
    setText(this.unknown, p && p.unknownWords.length > 0 ? `Left out — the models do not know: ${p.unknownWords.join(", ")}` : "");

    // The live course.
    this.course.hidden = !(isCourse && isAfterReveal);
    const progress = this.progress?.roundNumber === s.roundNumber ? this.progress : null;
    const status = courseStatus(progress);
    this.courseFill.style.width = `${Math.round(status.share * 100)}%`;
    setText(this.courseLine, status.line);
    this.stopButton.disabled = !this.isTraining || this.connection.connectionStatus.status !== "online";
    this.stopButton.hidden = !this.isTraining;

    // The answer: the trained model (or the course's model when it finished) vs the untrained one.
    this.renderAnswer(p, isCourse, progress);

    // Heads and new sentences: once the models are shown.
    this.headBox.hidden = !isAfterReveal;
    this.renderHeads();
    this.tryBox.hidden = !(isAfterReveal && !isCourse);
    setText(this.linksTitle, `Where each word looks — ${isCourse ? "the model as it trains" : "the trained model"}: heaviest weight per head`);
    this.renderLinks(isCourse ? (progress?.pattern ?? null) : (this.shown?.trained ?? null), isCourse ? p?.sentence : this.shown?.sentence);
  }

  private renderAnswer(p: ModelSentencePayload | null, isCourse: boolean, progress: CourseProgressPayload | null): void {
    const q = p?.question;
    const revealed = this.revealed?.roundNumber === this.snapshot?.roundNumber ? this.revealed : null;
    const trained = isCourse ? (progress?.isFinished ? progress.pattern : null) : (revealed?.trained ?? null);
    const untrained = revealed?.untrained ?? null;
    if (!p || !q || !trained) {
      this.answer.hidden = true;
      return;
    }
    this.answer.hidden = false;
    const row = (label: string, cls: string, pattern: SentencePattern) => {
      const { index, weight } = heaviest(pattern.heads[q.head]?.weights[q.wordIndex] ?? []);
      return el(
        "li",
        { class: cls },
        el("span", { class: "answer-label", text: label }),
        el("span", { class: "answer-value" }, `“${q.word}” → `, el("strong", { text: pattern.tokens[index] ?? "?" }), ` ${percent(weight)}`),
      );
    };
    const players = this.snapshot?.guests.filter((g) => g.isPlaying).length ?? 0;
    replaceChildren(
      this.answer,
      el(
        "ul",
        { class: "answer-list" },
        row(isCourse ? "After the course" : "Trained model", "is-trained", trained),
        untrained ? row("Untrained model", "is-untrained", untrained) : null,
        revealed
          ? el("li", { class: "is-votes" }, el("span", { class: "answer-label", text: "The class" }), el("span", { class: "answer-value", text: voteLine(revealed, p.tokens, players) }))
          : null,
      ),
    );
  }

  private renderHeads(): void {
    const questions = this.shown?.trained.heads.map((h) => h.question) ?? this.progress?.pattern.heads.map((h) => h.question);
    const options = headOptions(questions && questions.length > 0 ? questions : undefined);
    const signature = JSON.stringify([options, this.head]);
    if (this.heads.dataset.signature === signature) return;
    this.heads.dataset.signature = signature;
    replaceChildren(
      this.heads,
      ...options.map((option) => {
        const isOn = option.head === this.head;
        const b = el("button", {
          class: `btn btn-small head-btn${isOn ? " is-on" : ""}`,
          text: option.label,
          attrs: { type: "button", title: option.title, "aria-pressed": String(isOn), "data-head": option.head === null ? "all" : option.head },
        });
        b.addEventListener("click", () => this.connection.send(ClientMessage.selectHead, { head: option.head }));
        return b;
      }),
    );
  }

  /** Each word's heaviest target per head in the trained model: what the projector's lines say. */
  private renderLinks(pattern: SentencePattern | null, sentence: string | undefined): void {
    if (!pattern) {
      this.links.hidden = true;
      return;
    }
    this.links.hidden = false;
    const table = linkTable(pattern);
    const signature = JSON.stringify([sentence, this.head, table]);
    if (this.links.dataset.signature === signature) return;
    this.links.dataset.signature = signature;
    const headCount = pattern.heads.length;
    const cellClass = (h: number) => (this.head === null || this.head === h ? "" : "is-dim");
    replaceChildren(
      this.linksBody,
      el(
          "table",
          { class: "links-table" },
          el(
            "thead",
            {},
            el("tr", {}, el("th", { text: "word", attrs: { scope: "col" } }), ...Array.from({ length: headCount }, (_, h) => el("th", { class: cellClass(h), text: `${h + 1} ${shortQuestion(pattern.heads[h].question)}`, attrs: { scope: "col", title: pattern.heads[h].question } }))),
          ),
          el(
            "tbody",
            {},
            ...table.map((r) =>
              el(
                "tr",
                {},
                el("th", { text: r.word, attrs: { scope: "row" } }),
                ...r.cells.map((c, h) => el("td", { class: `${cellClass(h)}${c.isSink ? " is-sink" : ""}`, text: c.isSink ? "–" : `${c.target} ${percent(c.weight)}`, attrs: { title: c.isSink ? "No link: attends to <s>" : undefined } })),
              ),
            ),
          ),
      ),
    );
  }
}
