// Picks the TensorFlow.js backend the engine computes on, best available first:
// tfjs-node-gpu → tfjs-node → wasm (SIMD) → pure-JS cpu. ENGINE_BACKEND forces one.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname } from "node:path";

export const BACKEND_NAMES = ["node-gpu", "node", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface ComputeBackendInfo {
  name: BackendName;
  /** True only when TensorFlow itself reports that it runs on a GPU device. */
  isGpu: boolean;
}

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

/**
 * The native bindings are optional dependencies that may be absent (or fail to load their .so),
 * so they are imported by a computed name: a missing package is a normal outcome, not a build error.
 */
async function tryNative(packageName: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ packageName);
    return await tf.setBackend("tensorflow");
  } catch {
    return false;
  }
}

/**
 * Directory holding tfjs-backend-wasm's .wasm binaries. In Node its loader reads them from disk;
 * by default it would look next to the running script, which is wrong both under tsx and in the
 * esbuild bundle (dist/server/), so point it at the package in node_modules.
 * TFJS_WASM_DIR overrides (e.g. a deployment that copies the binaries elsewhere).
 */
export function wasmBinaryDirectory(): string {
  if (process.env.TFJS_WASM_DIR) return process.env.TFJS_WASM_DIR;
  return dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
}

let isWasmConfigured = false;

async function tryWasm(): Promise<boolean> {
  try {
    if (!isWasmConfigured) {
      setWasmPaths(`${wasmBinaryDirectory()}/`);
      // Node reports no SharedArrayBuffer-backed threads for this build; say so explicitly so it
      // never tries to spawn emscripten pthreads (the engine already lives in its own thread).
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      isWasmConfigured = true;
    }
    return await tf.setBackend("wasm");
  } catch {
    return false;
  }
}

async function tryBackend(name: BackendName): Promise<boolean> {
  switch (name) {
    case "node-gpu":
      return tryNative("@tensorflow/tfjs-node-gpu");
    case "node":
      return tryNative("@tensorflow/tfjs-node");
    case "wasm":
      return tryWasm();
    case "cpu":
      return tf.setBackend("cpu");
  }
}

/** Whether the active backend runs on a GPU (tfjs-node-gpu's backend exposes isUsingGpuDevice). */
function isActiveBackendOnGpu(): boolean {
  const backend = tf.backend() as { isUsingGpuDevice?: boolean };
  return backend.isUsingGpuDevice === true;
}

/**
 * Initialises tf on the best backend, or exactly `forced` (argument, else ENGINE_BACKEND) —
 * a forced backend that cannot start is an error rather than a silent fallback.
 */
export async function initComputeBackend(forced: string | undefined = process.env.ENGINE_BACKEND): Promise<ComputeBackendInfo> {
  // Production mode: silences tfjs' console advice ("install tfjs-node") on the cpu backend.
  tf.env().set("PROD", true);
  const wanted = forced?.trim() || undefined;
  if (wanted !== undefined && !isBackendName(wanted)) {
    throw new Error(`ENGINE_BACKEND=${wanted}: expected one of ${BACKEND_NAMES.join(", ")}`);
  }
  for (const name of wanted ? [wanted] : BACKEND_NAMES) {
    if (await tryBackend(name)) {
      await tf.ready();
      return { name, isGpu: isActiveBackendOnGpu() };
    }
  }
  throw new Error(`tfjs backend ${wanted ?? "(any)"} could not start`);
}

/** Switches to an already-registered backend (tests and the benchmark compare backends in one run). */
export async function useComputeBackend(name: BackendName): Promise<void> {
  if (!(await tryBackend(name))) throw new Error(`tfjs backend ${name} could not start`);
  await tf.ready();
}
