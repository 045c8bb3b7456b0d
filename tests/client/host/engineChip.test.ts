import { describe, expect, it } from "vitest";
import { engineChipText } from "../../../client/host/engineChip.js";

describe("engineChipText", () => {
  it("names the backend, and the rooms per batch once the engine has revealed", () => {
    expect(engineChipText({ backend: "wasm", isGpu: false })).toBe("engine: wasm");
    expect(engineChipText({ backend: "node-gpu", isGpu: true, engineBatches: { count: 0, last: 0, max: 0, mean: 0 } })).toBe("engine: node-gpu (GPU)");
    expect(engineChipText({ backend: "wasm", isGpu: false, engineBatches: { count: 7, last: 3, max: 12, mean: 2.14 } })).toBe(
      "engine: wasm · rooms per batch: last 3, max 12, mean 2.14",
    );
  });
});
