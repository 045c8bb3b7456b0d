// Asks the server which words of a draft the model has never seen (GET /api/words/unknown), so
// the phone can underline them while the student types. Answers are cached per word: a phone
// asks about each new word once, not about the whole text on every keystroke.
import { tokenize } from "../../shared/text.js";
import { apiOrigin } from "./endpoint.js";

export class UnknownWordChecker {
  /** word (as tokenize() spells it) → does the model know it. */
  private readonly isKnown = new Map<string, boolean>();

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  /**
   * The words of `text` the model does not know, in order of appearance, without repeats.
   * Null when the server could not be asked (offline, rate-limited): say nothing rather than
   * something wrong; the submission's answer still lists the unknown words.
   */
  async unknownIn(text: string): Promise<string[] | null> {
    const words = [...new Set(tokenize(text))];
    const toAsk = words.filter((w) => !this.isKnown.has(w));
    if (toAsk.length > 0) {
      const answer = await this.ask(toAsk.join(" "));
      if (!answer) return null;
      const unknown = new Set(answer);
      for (const w of toAsk) this.isKnown.set(w, !unknown.has(w));
    }
    return words.filter((w) => this.isKnown.get(w) === false);
  }

  private async ask(text: string): Promise<string[] | null> {
    try {
      const res = await this.fetchImpl(`${apiOrigin()}/api/words/unknown?text=${encodeURIComponent(text)}`);
      if (!res.ok) return null;
      const body = (await res.json()) as { unknown?: unknown };
      return Array.isArray(body.unknown) ? body.unknown.filter((w): w is string => typeof w === "string") : null;
    } catch {
      return null;
    }
  }
}
