// The one ModelScreenState of a projector page, on the page's connection; and the blocks round's
// feed: the walk-through the room sends goes to screenModel.showBlocks, and the step the
// instructor picks (room state) moves every projector along with it. A projector's own ← →
// steps stay until the instructor picks another step: other state patches leave them alone.
import { ModelScreenState } from "./modelScreenState.js";
import { screenModel } from "./ScreenModel.js";

export const modelScreen = new ModelScreenState(screenModel.connection);

/** The room's step last followed (null: none yet for this walk-through). */
let roomStep: number | null = null;
screenModel.connection.on("blocks", (payload) => {
  roomStep = screenModel.connection.snapshot?.blocksStep ?? 0;
  screenModel.showBlocks(payload, roomStep);
});
screenModel.connection.on("state", (s) => {
  const isWalking = s.roundType === "blocks" && (s.phase === "brief" || s.phase === "write" || s.phase === "reveal");
  if (!isWalking) {
    roomStep = null;
    if (screenModel.blocks) screenModel.showBlocks(null);
    return;
  }
  if (!screenModel.blocks || s.blocksStep === roomStep) return;
  roomStep = s.blocksStep;
  screenModel.setBlocksStep(s.blocksStep);
});
