// The blocks round: a walk-through of three transformer blocks on one sentence, computed by the
// model worker (trained heads + fact memory) and stepped through by the instructor. Nobody
// scores; the projector draws the walk-through, phones follow the step's caption in the state.
import type { BlocksPayload } from "../../shared/blocks.js";
import { ServerMessage } from "../../shared/protocol.js";
import { ModelInputError, type ModelClient } from "../model/ModelClient.js";
import type { PartyState } from "./PartyState.js";

export type BlocksEngine = Pick<ModelClient, "blocks">;

/** The sentence the walk-through uses when the instructor types none: "bank" changes meaning. */
export const DEFAULT_BLOCKS_SENTENCE = "She sat on the bank of the river.";
/** Every word gets a column with its nearest words under it: past this the columns are too narrow to read. */
export const MAX_BLOCKS_WORDS = 14;

export interface BlocksHost {
  readonly state: PartyState;
  readonly model: BlocksEngine;
  sendToStaff(type: string, payload: unknown): void;
}

export class BlocksRoundRunner {
  private payload: BlocksPayload | null = null;

  constructor(private readonly host: BlocksHost) {}

  /** Computes the walk-through; throws ModelInputError for a sentence the model cannot read. */
  async prepare(sentence: string): Promise<BlocksPayload> {
    const payload = await this.host.model.blocks(sentence);
    if (payload.words.length > MAX_BLOCKS_WORDS) {
      throw new ModelInputError(`The sentence has ${payload.words.length} words; the walk-through shows at most ${MAX_BLOCKS_WORDS} readably. Try a shorter one.`, "tooLong");
    }
    return payload;
  }

  begin(payload: BlocksPayload): void {
    this.payload = payload;
    this.host.sendToStaff(ServerMessage.blocks, payload);
    this.setStep(0);
  }

  setStep(step: number): void {
    if (!this.payload) return;
    const clamped = Math.max(0, Math.min(this.payload.steps.length - 1, step));
    const { state } = this.host;
    state.blocksStep = clamped;
    state.blocksStepCount = this.payload.steps.length;
    const current = this.payload.steps[clamped];
    state.blocksCaption = `${current.title}: ${current.caption}`;
  }

  catchUp(send: (type: string, payload: unknown) => void): void {
    if (this.payload) send(ServerMessage.blocks, this.payload);
  }

  get isActive(): boolean {
    return this.payload !== null;
  }

  clear(): void {
    this.payload = null;
    const { state } = this.host;
    state.blocksStep = 0;
    state.blocksStepCount = 0;
    state.blocksCaption = "";
  }
}
