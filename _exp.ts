import * as tf from "@tensorflow/tfjs-core";
import { initComputeBackend } from "./server/engine/computeBackend.js";
await initComputeBackend();
const W = tf.randomNormal([100, 30000]);
for (const n of [40, 300, 1000]) {
  const x = tf.randomNormal([n, 100]);
  const time = async (name: string, f: () => tf.Tensor) => { const ts: number[] = []; for (let r = 0; r < 5; r++) { const t = performance.now(); const s = tf.tidy(f); await s.data(); s.dispose(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(n, name, ts[2].toFixed(1)); };
  await time("matmul", () => tf.matMul(x, W));
  await time("matmul+topk", () => tf.topk(tf.matMul(x, W), 10).indices);
  await time("matmul+argMax", () => tf.argMax(tf.matMul(x, W), 1));
}
