import { parentPort, workerData } from "node:worker_threads";
import { tokenize } from "./shared/text.js";
const n: number = workerData.x;
parentPort!.postMessage({ n, t: tokenize("Don't stop") });
