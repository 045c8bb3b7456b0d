// A rehearsal bot the dashboard can add to a live party ("rehearse with N bots"): it joins like
// a phone, writes texts for its card from the deck's examples when writing opens, and leaves
// when the session ends.
import { loadDecks } from "../party/partyDeck.js";
import type { Phase } from "../../shared/roomState.js";
import type { SeatPayload } from "../../shared/sentenceRound.js";
import { BotStudent } from "./BotStudent.js";
import { sentenceBotTexts } from "./sentenceTexts.js";

export class AutoPlayBot {
  private bot: BotStudent;
  private submittedRound = 0;

  constructor(
    wsUrl: string,
    name: string,
    private readonly botKey: string,
    private readonly random: () => number = Math.random,
  ) {
    this.bot = new BotStudent(wsUrl, name);
  }

  async start(code: string): Promise<void> {
    await this.bot.join(code, { botKey: this.botKey });
    this.bot.room.onStateChange((state: { phase: Phase; isWritingOpen: boolean; roundNumber: number }) => {
      if (state.phase === "ended") void this.bot.leave();
      // A seat from an earlier round says nothing about this one.
      const seat = this.bot.seat?.roundNumber === state.roundNumber ? this.bot.seat : null;
      if (state.phase === "write" && state.isWritingOpen && this.submittedRound !== state.roundNumber && (seat || this.bot.card)) {
        this.submittedRound = state.roundNumber;
        // Staggered like a class typing: 1–6 s after writing opens.
        setTimeout(() => void this.write(seat).catch(() => undefined), 1000 + this.random() * 5000);
      }
    });
  }

  private async write(seat: SeatPayload | null): Promise<void> {
    // Sentence and heads rounds: texts for its word, from the seat's hint (bots never see the key).
    if (seat) return void (await this.bot.submit(sentenceBotTexts(seat, this.random)));
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
