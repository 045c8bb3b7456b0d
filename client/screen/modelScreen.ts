// The one ModelScreenState of a projector page, on the page's connection; and the blocks round's
// feed: the walk-through the room sends goes to screenModel.showBlocks, and the step the
// instructor picks (room state) moves every projector along with it.
import { ModelScreenState } from "./modelScreenState.js";
import { screenModel } from "./ScreenModel.js";

export const modelScreen = new ModelScreenState(screenModel.connection);

screenModel.connection.on("blocks", (payload) => {
  screenModel.showBlocks(payload, screenModel.connection.snapshot?.blocksStep ?? 0);
});
screenModel.connection.on("state", (s) => {
  const isWalking = s.roundType === "blocks" && (s.phase === "brief" || s.phase === "write" || s.phase === "reveal");
  if (!isWalking) {
    if (screenModel.blocks) screenModel.showBlocks(null);
    return;
  }
  if (screenModel.blocks) screenModel.setBlocksStep(s.blocksStep);
});
