// A rehearsal bot the dashboard can add to a live party ("rehearse with N bots"): it joins like
// a phone and plays every round a phone plays, through the messages a phone sends — texts for
// its card (party round) or its word (sentence and heads rounds), a pick for the question (model
// and course rounds); the walk-through (blocks) has nothing to answer. It answers once per round,
// a few seconds after writing or answering opens, and leaves when the session ends. After a
// server restart the room starts it again with a rejoin secret: it comes back as the same guest.
import { loadDecks } from "../party/partyDeck.js";
import type { Phase } from "../../shared/roomState.js";
import { isWatchedRound } from "../../shared/rounds.js";
import type { SeatPayload } from "../../shared/sentenceRound.js";
import { BotStudent } from "./BotStudent.js";
import { botPrediction } from "./botPrediction.js";
import { sentenceBotTexts } from "./sentenceTexts.js";

/** What a bot reads of the room state: the round, and its own guest (a phone sees only itself). */
interface BotView {
  phase: Phase;
  isWritingOpen: boolean;
  roundNumber: number;
  roundType: string;
  guests: { get(id: string): { hasSubmitted: boolean; isPlaying: boolean } | undefined };
}

export interface AutoPlayBotOptions {
  /** The bot's pauses, texts and picks; seeded by the room so a rehearsal is repeatable. */
  random?: () => number;
  /** A bot coming back after a restart: the secret the room minted for its guest. */
  rejoinSecret?: string;
}

export class AutoPlayBot {
  private bot: BotStudent;
  private readonly random: () => number;
  /** The round this bot has answered, or is about to: one answer per round. */
  private answeredRound = 0;

  constructor(
    wsUrl: string,
    name: string,
    private readonly botKey: string,
    private readonly options: AutoPlayBotOptions = {},
  ) {
    this.bot = new BotStudent(wsUrl, name);
    this.random = options.random ?? Math.random;
  }

  /** The guest this bot plays, once welcomed. */
  get guestId(): string | undefined {
    return this.bot.welcome?.guestId;
  }

  async start(code: string): Promise<void> {
    await this.bot.join(code, { botKey: this.botKey, ...(this.options.rejoinSecret ? { rejoinSecret: this.options.rejoinSecret } : {}) });
    // The round's state and what it answers about (card, seat, question) arrive in either order.
    this.bot.room.onStateChange(() => this.consider());
    this.bot.onAnyMessage = () => this.consider();
    this.consider();
  }

  private view(): BotView | null {
    const state = this.bot.room.state as Partial<BotView> | undefined;
    // Before the first full state arrives, fields are missing.
    return state?.phase && state.guests ? (state as BotView) : null;
  }

  /** Whether this round still waits for the bot's answer (and the bot plays it). */
  private isAwaited(state: BotView, round: number): boolean {
    const own = state.guests.get(this.guestId ?? "");
    const isOpen = state.phase === "write" && state.isWritingOpen && state.roundNumber === round;
    // hasSubmitted is set for a pick too; after a restart it says the answer was already stored.
    return isOpen && own !== undefined && own.isPlaying && !own.hasSubmitted;
  }

  /** Plans this round's answer once the round is open and the bot holds what it answers about. */
  private consider(): void {
    const state = this.view();
    if (!state) return;
    if (state.phase === "ended") return void this.bot.leave();
    const round = state.roundNumber;
    if (this.answeredRound === round || !this.isAwaited(state, round)) return;
    const answer = this.answerFor(state);
    if (!answer) return;
    this.answeredRound = round;
    // Staggered like a class: 1–6 s to type, 1.5–6.5 s to read the question and tap.
    const delayMs = isWatchedRound(state.roundType) ? 1500 + this.random() * 5000 : 1000 + this.random() * 5000;
    setTimeout(() => {
      const now = this.view();
      if (now && this.isAwaited(now, round)) void answer().catch(() => undefined);
    }, delayMs);
  }

  /** What the bot will send this round, or null while it lacks what it answers about. */
  private answerFor(state: BotView): (() => Promise<unknown>) | null {
    if (isWatchedRound(state.roundType)) {
      const sentence = this.bot.modelSentence;
      if (sentence?.roundNumber !== state.roundNumber) return null;
      return () => this.bot.predict(botPrediction(sentence, this.random));
    }
    if (state.roundType === "sentence" || state.roundType === "heads") {
      // A seat from an earlier round says nothing about this one.
      const seat = this.bot.seat?.roundNumber === state.roundNumber ? this.bot.seat : null;
      return seat ? () => this.writeForSeat(seat) : null;
    }
    if (state.roundType === "party") return this.bot.card ? () => this.writeForCard() : null;
    return null;
  }

  /** Sentence and heads rounds: texts for its word, from the seat's hint (bots never see the key). */
  private async writeForSeat(seat: SeatPayload): Promise<void> {
    await this.bot.submit(sentenceBotTexts(seat, this.random));
  }

  private async writeForCard(): Promise<void> {
    const card = this.bot.card;
    if (!card) return;
    // The card's texts identify the items in whichever deck this round uses.
    const items = [...loadDecks().values()].flatMap((deck) => deck.items);
    const need = items.find((i) => i.need === card.need);
    const offer = items.find((i) => i.offer === card.offer);
    if (!need || !offer) return;
    const pick = (xs: string[]) => xs[Math.floor(this.random() * xs.length)];
    await this.bot.submit({ query: pick(need.botQueries), key: pick(offer.botKeys), value: pick(offer.botValues) });
  }
}
