// The model and course rounds of a party: the sentence both models attend over, the phones'
// prediction question, the reveal (scores at once for a model round; for a course round the live
// training, scored when it finishes) and the instructor's new sentences after the reveal.
// PartyRoom checks rights and phases; this class owns the round's private facts (the answer).
import type {
  CourseProgressPayload,
  ModelAttentionPayload,
  ModelSentencePayload,
  PredictionQuestion,
  PredictionResultPayload,
  SentencePattern,
} from "../../shared/modelRound.js";
import { rankByScore } from "../../shared/partyScoring.js";
import { ServerMessage } from "../../shared/protocol.js";
import type { Phase } from "../../shared/roomState.js";
import { log } from "../log.js";
import { ModelInputError, type AttendResult, type CourseTick, type ModelClient } from "../model/ModelClient.js";
import { heaviestTarget, isCorrectPick, pickQuestion, predictionPoints } from "../model/predictionQuestion.js";
import type { GuestBook, GuestRecord } from "../party/GuestBook.js";
import type { PartyStore } from "../storage/PartyStore.js";
import type { ScoreRecord } from "../storage/storeTypes.js";
import type { PartyState } from "./PartyState.js";

export type ModelRoundEngine = Pick<ModelClient, "attend" | "startCourse" | "stopCourse">;

/** The example the source material is built around; the default when the instructor types nothing. */
export const DEFAULT_MODEL_SENTENCE = "The queen thanked the farmer in the garden because she was happy.";
export const DEFAULT_COURSE_STEPS = 400;
/** Longest sentence a model or course round takes: more words than this do not fit the projector's two columns readably. */
export const MAX_ROUND_WORDS = 24;

export interface ModelRoundHost {
  readonly state: PartyState;
  readonly guests: GuestBook;
  readonly model: ModelRoundEngine;
  readonly store: PartyStore;
  roundId(): number | null;
  setPhase(phase: Phase): void;
  sendToStaff(type: string, payload: unknown): void;
  sendToGuest(guestId: string, type: string, payload: unknown): void;
  broadcast(type: string, payload: unknown): void;
}

/** A sentence checked by both models, with the question the phones will get. */
export interface PreparedSentence {
  attend: AttendResult;
  question: PredictionQuestion;
}

interface ActiveRound {
  type: "model" | "course";
  roundNumber: number;
  prepared: PreparedSentence;
  courseSteps: number;
  /** Epoch ms the question opened for answers (0 until the write phase). */
  openedAt: number;
  /** Length of the answer window, ms (the speed bonus runs out at its end). */
  windowMs: number;
  isRevealed: boolean;
}

interface RunningCourse {
  courseId: number | null;
  losses: Array<[number, number]>;
  startedAt: number;
  last: CourseProgressPayload | null;
  isStopping: boolean;
}

export class ModelRoundRunner {
  private active: ActiveRound | null = null;
  private course: RunningCourse | null = null;
  /** What the projector shows now: the reveal, or the instructor's latest sentence. */
  private shown: ModelAttentionPayload | null = null;
  private head: number | null = null;

  constructor(private readonly host: ModelRoundHost) {}

  get isTraining(): boolean {
    return this.course !== null && !this.course.last?.isFinished;
  }

  get current(): ActiveRound | null {
    return this.active;
  }

  /** Both models on the sentence and a question about it; throws ModelInputError / QuestionError for the instructor. */
  async prepare(sentence: string): Promise<PreparedSentence> {
    const attend = await this.host.model.attend(sentence);
    const words = attend.tokens.length - 1;
    if (words > MAX_ROUND_WORDS) {
      throw new ModelInputError(`The sentence has ${words} words; the projector shows at most ${MAX_ROUND_WORDS} readably. Try a shorter one.`, "tooLong");
    }
    return { attend, question: pickQuestion(attend.trained, attend.untrained) };
  }

  begin(type: "model" | "course", prepared: PreparedSentence, courseSteps: number): void {
    void this.stopCourse();
    this.active = { type, roundNumber: this.host.state.roundNumber, prepared, courseSteps, openedAt: 0, windowMs: 0, isRevealed: false };
    this.shown = null;
    this.course = null;
    this.setCourseState(0, type === "course" ? courseSteps : 0, 0);
    this.host.broadcast(ServerMessage.modelSentence, this.sentencePayload());
  }

  /** Restores a round after a restart: the sentence is recomputed (both models are deterministic). */
  restore(type: "model" | "course", prepared: PreparedSentence, courseSteps: number, phase: Phase): void {
    this.active = { type, roundNumber: this.host.state.roundNumber, prepared, courseSteps, openedAt: Date.now(), windowMs: 0, isRevealed: phase === "reveal" || phase === "scores" };
    if (type === "model" && this.active.isRevealed) this.shown = this.attentionPayload(prepared.attend, prepared.question);
    // Clients back before the sentence was rebuilt (the model worker starts with the process)
    // were sent nothing about it: the question now to phones still answering it, the rest to staff.
    const sentence = this.sentencePayload();
    if (phase === "brief" || phase === "write") this.host.broadcast(ServerMessage.modelSentence, sentence);
    else this.host.sendToStaff(ServerMessage.modelSentence, sentence);
    if (this.shown) this.host.sendToStaff(ServerMessage.modelAttention, this.shown);
  }

  clear(): void {
    void this.stopCourse();
    this.active = null;
    this.shown = null;
    this.course = null;
    this.setCourseState(0, 0, 0);
  }

  sentencePayload(): ModelSentencePayload | null {
    const a = this.active;
    if (!a) return null;
    return {
      roundNumber: a.roundNumber,
      roundType: a.type,
      sentence: a.prepared.attend.sentence,
      tokens: a.prepared.attend.tokens,
      unknownWords: a.prepared.attend.unknownWords,
      question: a.prepared.question,
    };
  }

  openQuestion(windowMs: number): void {
    if (!this.active) return;
    this.active.openedAt = Date.now();
    this.active.windowMs = windowMs;
  }

  /** Stores a pick; returns an error message for the phone, or null. */
  predict(record: GuestRecord, choice: number): string | null {
    const a = this.active;
    if (!a) return "There is no question right now";
    if (!a.prepared.question.choices.includes(choice)) return "That word is not one of the choices";
    const answerMs = Math.max(0, Date.now() - (a.openedAt || Date.now()));
    // Stored before the acknowledgement: a pick the phone was told about survives a crash.
    this.host.store.recordPrediction(this.host.roundId()!, { guestId: record.id, choice, answerMs });
    record.prediction = { choice, answerMs };
    return null;
  }

  /** Model round: scores the picks against the trained model now. Course round: starts training. */
  async reveal(participants: GuestRecord[]): Promise<void> {
    const a = this.active;
    if (!a || a.isRevealed) return;
    a.isRevealed = true;
    if (a.type === "model") {
      this.host.setPhase("reveal");
      this.score(participants, a.prepared.attend.trained, a.prepared.attend.untrained);
      this.show(this.attentionPayload(a.prepared.attend, a.prepared.question));
      return;
    }
    await this.runCourse(a, participants);
  }

  /** After a model round's reveal: a new sentence on the projector, handled by both models on the fly. */
  async showSentence(sentence: string): Promise<void> {
    const attend = await this.host.model.attend(sentence);
    this.show(this.attentionPayload(attend, null));
  }

  /** The head the projectors show (null: all); kept across rounds until the next question picks one. */
  get shownHead(): number | null {
    return this.head;
  }

  selectHead(head: number | null): void {
    this.head = head;
    this.host.sendToStaff(ServerMessage.headFocus, { head });
  }

  /** What a projector or dashboard joining now needs to draw the round. */
  catchUp(send: (type: string, payload: unknown) => void): void {
    const sentence = this.sentencePayload();
    if (sentence) send(ServerMessage.modelSentence, sentence);
    if (this.shown) send(ServerMessage.modelAttention, this.shown);
    if (this.course?.last) send(ServerMessage.courseProgress, this.course.last);
    send(ServerMessage.headFocus, { head: this.head });
  }

  /** Stops a running course; `finish` scores the picks against the model as it is now. */
  async stopCourse(finish = false): Promise<void> {
    const course = this.course;
    if (!course || course.isStopping || course.last?.isFinished) return;
    course.isStopping = true;
    if (course.courseId !== null) await this.host.model.stopCourse(course.courseId);
    if (finish && course.last && this.active) this.finishCourse(this.active, { ...course.last, isFinished: true });
  }

  private async runCourse(a: ActiveRound, participants: GuestRecord[]): Promise<void> {
    const course: RunningCourse = { courseId: null, losses: [], startedAt: Date.now(), last: null, isStopping: false };
    this.course = course;
    this.host.setPhase("reveal");
    this.setCourseState(0, a.courseSteps, 0);
    const participantIds = participants.map((p) => p.id);
    const started = await this.host.model.startCourse(
      { sentence: a.prepared.attend.sentence, totalSteps: a.courseSteps },
      {
        onTick: (tick) => {
          if (this.course !== course || course.isStopping) return;
          this.onTick(a, course, tick, participantIds);
        },
        onFailed: (message) => {
          log.error(`party ${this.host.state.code}: the training course failed`, { message });
          if (this.course === course && course.last) this.finishCourse(a, { ...course.last, isFinished: true });
        },
      },
    );
    course.courseId = started.courseId;
    if (course.isStopping) await this.host.model.stopCourse(started.courseId);
  }

  private onTick(a: ActiveRound, course: RunningCourse, tick: CourseTick, participantIds: string[]): void {
    course.losses.push([tick.step, Math.round(tick.loss * 1e4) / 1e4]);
    course.last = {
      roundNumber: a.roundNumber,
      step: tick.step,
      totalSteps: tick.totalSteps,
      losses: course.losses,
      accuracy: tick.accuracy,
      pattern: tick.pattern,
      elapsedMs: Date.now() - course.startedAt,
      isFinished: tick.isFinished,
    };
    this.setCourseState(tick.step, tick.totalSteps, tick.accuracy);
    this.host.sendToStaff(ServerMessage.courseProgress, course.last);
    if (tick.isFinished) {
      const records = participantIds.flatMap((id) => this.host.guests.get(id) ?? []);
      this.finishScores(a, records, tick.pattern);
    }
  }

  private finishCourse(a: ActiveRound, last: CourseProgressPayload): void {
    if (!this.course) return;
    this.course.last = last;
    this.host.sendToStaff(ServerMessage.courseProgress, last);
    const records = this.host.guests.all().filter((g) => g.isPlaying);
    this.finishScores(a, records, last.pattern);
  }

  private finishScores(a: ActiveRound, records: GuestRecord[], trainedNow: SentencePattern): void {
    if (this.host.state.roundNumber !== a.roundNumber) return;
    this.score(records, trainedNow, a.prepared.attend.untrained);
  }

  /** Points for every participant's pick against `trained`, stored before anyone is told. */
  private score(participants: GuestRecord[], trained: SentencePattern, untrained: SentencePattern): void {
    const a = this.active!;
    const { state } = this.host;
    const { question } = a.prepared;
    const { tokens } = a.prepared.attend;
    const answer = heaviestTarget(trained, question.head, question.wordIndex);
    const decoy = heaviestTarget(untrained, question.head, question.wordIndex);
    const windowMs = a.windowMs || 30_000;
    const playing = new Set(participants.map((p) => p.id));

    const outcomes = new Map<string, { points: number; isCorrect: boolean; choice: number | null }>();
    for (const record of participants) {
      const choice = record.prediction?.choice ?? null;
      const isCorrect = isCorrectPick(tokens, choice, answer.index);
      outcomes.set(record.id, { choice, isCorrect, points: predictionPoints(isCorrect, record.prediction?.answerMs ?? windowMs, windowMs) });
    }
    const board = this.host.guests.all().filter((g) => state.guests.has(g.id));
    const totals = board.map((g) => state.guests.get(g.id)!.score + (outcomes.get(g.id)?.points ?? 0));
    const ranks = rankByScore(totals);
    const scores: ScoreRecord[] = [];
    board.forEach((record, i) => {
      const g = state.guests.get(record.id)!;
      const previousRank = state.roundNumber > 1 || g.score > 0 ? g.rank : null;
      const outcome = outcomes.get(record.id);
      const result: PredictionResultPayload | null = outcome
        ? {
            roundNumber: a.roundNumber,
            question,
            tokens,
            choice: outcome.choice,
            trainedAnswer: answer.index,
            trainedWeight: answer.weight,
            untrainedAnswer: decoy.index,
            untrainedWeight: decoy.weight,
            isCorrect: outcome.isCorrect,
            points: outcome.points,
            pointsReason: reasonFor(outcome, tokens, answer.index),
            rank: ranks[i],
            previousRank,
            totalScore: totals[i],
          }
        : null;
      scores.push({ guestId: record.id, points: outcome?.points ?? 0, matchMass: outcome ? (outcome.isCorrect ? 1 : 0) : null, totalAfter: totals[i], rankAfter: ranks[i], previousRank, result });
      g.previousRank = previousRank ?? 0;
      g.rank = ranks[i];
      g.score = totals[i];
      g.lastPoints = outcome?.points ?? 0;
      if (playing.has(record.id)) record.lastPrediction = result;
    });
    this.host.store.recordReveal(this.host.roundId()!, [], scores);
    for (const record of participants) {
      if (record.lastPrediction) this.host.sendToGuest(record.id, ServerMessage.predictionResult, record.lastPrediction);
    }
    log.info(`party ${state.code}: scored the ${a.type} round's predictions`, {
      guests: participants.length,
      correct: [...outcomes.values()].filter((o) => o.isCorrect).length,
    });
  }

  private attentionPayload(attend: AttendResult, question: PredictionQuestion | null): ModelAttentionPayload {
    const votes: Record<number, number> = {};
    if (question) {
      for (const g of this.host.guests.all()) {
        const choice = g.isPlaying ? g.prediction?.choice : undefined;
        if (choice !== undefined) votes[choice] = (votes[choice] ?? 0) + 1;
      }
    }
    return {
      roundNumber: this.host.state.roundNumber,
      sentence: attend.sentence,
      unknownWords: attend.unknownWords,
      untrained: attend.untrained,
      trained: attend.trained,
      question,
      votes,
    };
  }

  private show(payload: ModelAttentionPayload): void {
    this.shown = payload;
    this.host.sendToStaff(ServerMessage.modelAttention, payload);
  }

  private setCourseState(step: number, totalSteps: number, accuracy: number): void {
    const { state } = this.host;
    state.courseStep = step;
    state.courseTotalSteps = totalSteps;
    state.courseAccuracy = Math.round(accuracy * 1000) / 1000;
  }
}

function reasonFor(outcome: { isCorrect: boolean; choice: number | null; points: number }, tokens: string[], answer: number): string {
  if (outcome.choice === null) return `No pick this time — the model chose “${tokens[answer]}”.`;
  if (outcome.isCorrect) return `You predicted the model: “${tokens[answer]}” (+${outcome.points}, faster picks earn more).`;
  return `You picked “${tokens[outcome.choice]}”; the model chose “${tokens[answer]}”.`;
}
