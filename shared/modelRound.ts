// Payloads of the "model" and "course" rounds (trained vs untrained attention, the live training
// course, and the phones' prediction question). Plain types, no runtime imports: the phone ships them.

/** One head's attention over a sentence: weights[i][j] = how much token i attends to token j. */
export interface HeadPattern {
  question: string;
  weights: number[][];
}

/** A model's attention on the round's sentence, every head. */
export interface SentencePattern {
  /** Lower-case words with "<s>" (the start token every model sentence begins with) first. */
  tokens: string[];
  heads: HeadPattern[];
}

/**
 * The question every phone answers before the reveal: which word will `word` attend to under
 * `headQuestion`? Public from the brief on (the sentence is on the projector anyway); the answer
 * — the trained model's choice — stays on the server until the reveal.
 */
export interface PredictionQuestion {
  /** Token index of the word the question is about (into tokens). */
  wordIndex: number;
  word: string;
  head: number;
  headQuestion: string;
  /** Token indices the phones may pick from (never the word itself, never "<s>"). */
  choices: number[];
}

/** To everyone when a model or course round starts (and again to a phone that reconnects). */
export interface ModelSentencePayload {
  roundNumber: number;
  roundType: "model" | "course";
  sentence: string;
  tokens: string[];
  /** Typed words the model has no vector for: left out of tokens. */
  unknownWords: string[];
  question: PredictionQuestion;
}

/** To projector and host at the reveal of a model round, and whenever the instructor types a new sentence. */
export interface ModelAttentionPayload {
  roundNumber: number;
  sentence: string;
  unknownWords: string[];
  untrained: SentencePattern;
  trained: SentencePattern;
  /** The question the phones answered (null for a sentence typed after the reveal). */
  question: PredictionQuestion | null;
  /** How many phones picked each choice, by token index (the projector shows the class's guess). */
  votes: Record<number, number>;
}

/** To projector and host after every chunk of the live course (phones follow the numbers in the room state). */
export interface CourseProgressPayload {
  roundNumber: number;
  step: number;
  totalSteps: number;
  /** Mean training loss of each chunk so far (the curve), in nats. */
  losses: Array<[step: number, loss: number]>;
  /** Share of the course sentence's links the model gets right now, in [0, 1]. */
  accuracy: number;
  /** The course sentence's attention now. */
  pattern: SentencePattern;
  /** Training wall time so far, ms. */
  elapsedMs: number;
  isFinished: boolean;
}

/** A student's pick, sent as the "predict" message. */
export interface PredictPayload {
  choice: number;
}

/** To one student: its prediction was stored. */
export interface PredictedPayload {
  choice: number;
}

/** To one student at the reveal: how its prediction went. */
export interface PredictionResultPayload {
  roundNumber: number;
  question: PredictionQuestion;
  tokens: string[];
  /** The student's pick (token index), null if it did not answer. */
  choice: number | null;
  /** The trained model's heaviest target for the word under the question's head. */
  trainedAnswer: number;
  /** Its weight there, in [0, 1]. */
  trainedWeight: number;
  /** The untrained model's heaviest target (usually somewhere else). */
  untrainedAnswer: number;
  untrainedWeight: number;
  isCorrect: boolean;
  points: number;
  pointsReason: string;
  rank: number;
  previousRank: number | null;
  totalScore: number;
}

/** Which head the projector shows; null = all heads. */
export interface HeadFocusPayload {
  head: number | null;
}

/** Points for a correct prediction, and the most a fast answer adds on top. */
export const PREDICTION_POINTS = 100;
export const PREDICTION_SPEED_BONUS = 50;
