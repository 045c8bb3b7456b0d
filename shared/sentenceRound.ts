// Payloads of the "sentence" and "heads" rounds: the class becomes a sentence, one guest per word,
// at one or more tables (copies of the sentence); words nobody plays are played by the trained
// model. Plain types, no runtime imports: the phone ships them. Answer keys stay on the server
// until the reveal (sentenceAttention carries them then; nothing before it does).

/** One word's seat at a table. */
export interface SeatView {
  /** Index of the word in the sentence (0-based, no start token). */
  position: number;
  word: string;
  /** The student playing it; null = played by the trained model. */
  guestId: string | null;
  /** Display name; "model" seats show a label of their own on every screen. */
  name: string | null;
  isModel: boolean;
}

export interface TableView {
  index: number;
  /** Heads round: the head this table's team plays for (index into `questions`); null in a sentence round. */
  head: number | null;
  seats: SeatView[];
}

/** To projector and host from the brief on: the tables, who sits where (no answer key). */
export interface SentenceSeatingPayload {
  roundNumber: number;
  roundType: "sentence" | "heads";
  scenarioId: string;
  title: string;
  sentence: string;
  words: string[];
  /** The head questions of the scenario (heads round: one team per question). */
  questions: string[];
  tables: TableView[];
}

/** To one student at the brief (and again after a reconnect): the word it plays, and where. */
export interface SeatPayload {
  roundNumber: number;
  roundType: "sentence" | "heads";
  scenarioId: string;
  title: string;
  sentence: string;
  words: string[];
  position: number;
  word: string;
  /** The scenario's hint for this word, shown on the phone. */
  hint: string;
  tableIndex: number;
  tableCount: number;
  /** Heads round: the team's head and its question; null in a sentence round. */
  head: number | null;
  headQuestion: string | null;
  /** Who plays the other words at this table (model seats included). */
  tablemates: SeatView[];
}

/** A word a seat attended to, with its weight in [0, 1]. */
export interface SeatWeight {
  position: number;
  word: string;
  weight: number;
}

/** To projector and host at the reveal: every table's attention (top-k per seat), the key, the scores. */
export interface SentenceAttentionPayload {
  roundNumber: number;
  roundType: "sentence" | "heads";
  scenarioId: string;
  words: string[];
  questions: string[];
  tables: Array<
    TableView & {
      /** rows[k] = seat k's heaviest targets as [position, weight], heaviest first. */
      rows: Array<Array<[number, number]>>;
      /** The seats' name tags as written (model seats: the model's), by seat order. */
      nameTags: string[];
      /** Points per seat (null: the word has no link to score under this table's key). */
      points: Array<number | null>;
    }
  >;
  /** The answer key, revealed with the answer: keys[h][position] = target positions (with shares). */
  keys: Array<Array<Array<{ position: number; share: number }>>>;
  /** Heads round: each team's score (mean of its scored members); empty in a sentence round. */
  teams: Array<{ head: number; question: string; score: number; memberCount: number }>;
}

/** To one student at the reveal: how its word's attention went against the key. */
export interface SentenceResultPayload {
  roundNumber: number;
  position: number;
  word: string;
  head: number | null;
  headQuestion: string | null;
  /** Its row's heaviest targets. */
  attendedTo: SeatWeight[];
  /** What the answer key says this word should attend to (empty: no link for this word). */
  keyTargets: Array<{ position: number; word: string; share: number }>;
  /**
   * true: the key asks for its attention split by the shares (each target counts up to its share;
   * all on one of two 50 % targets earns half). false: attention on any of the targets counts.
   */
  isKeyShared?: boolean;
  /** Attention mass on the key's targets, in [0, 1] (null when the word is not scored). */
  keyMass: number | null;
  points: number;
  pointsReason: string;
  /** Heads round: the team's score. */
  teamScore: number | null;
  rank: number;
  previousRank: number | null;
  totalScore: number;
}
