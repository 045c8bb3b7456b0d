// Projector benchmark: a real server, a party of N bot students, the projector page in headless
// Chromium (Debian's, same flags as the browser tests), frames per second while idle and during
// the reveal animation. DESIGN.md holds the projector to ≥ 50 fps with 300 guests.
//   npm run --silent bench:screen -- --guests 300 --json
//   options: --guests N (default 300) · --width 1920 --height 1080 · --seconds S per idle sample (default 4)
//            --trace PREFIX: Chromium performance traces of the lobby idle and reveal samples
//            (PREFIX-lobby.json, PREFIX-reveal.json; open in Perfetto / DevTools) — the frame
//            rate says a frame was slow, a trace says whether script, raster or GC took the time.
// Frames are counted with requestAnimationFrame inside the page: Phaser draws on the same
// callback, so a slow scene shows up as fewer callbacks. stdout carries only the result.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { BotStudent } from "../server/bots/BotStudent.js";
import { HostDriver, wsUrlOf } from "../server/bots/HostDriver.js";
import { botName } from "../server/bots/partyRehearsal.js";
import { loadConfig } from "../server/config.js";
import { createPartyServer } from "../server/createPartyServer.js";
import { ensureEncoderCache } from "../server/engine/buildEncoderCache.js";
import { EngineClient } from "../server/engine/EngineClient.js";
import { getDeck } from "../server/party/partyDeck.js";
import { PartyStore } from "../server/storage/PartyStore.js";
import { ClientMessage, ServerMessage } from "../shared/protocol.js";
// The browser tests' launcher: the same Chromium binary and flags (no downloaded browser).
import { launchChromium } from "../tests/helpers/browser.js";

/** Main-thread tasks, script samples, GC and raster: enough to tell why a frame came late. */
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.frame", "v8", "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink", "cc", "toplevel"];

/** Bots joining at once: enough to be quick, few enough not to starve the 2-core machine. */
const JOIN_BATCH = 25;

function fail(message: string): never {
  process.stderr.write(`bench:screen: ${message}\n`);
  process.exit(2);
}

const log = (message: string) => process.stderr.write(`[bench:screen] ${message}\n`);

interface FrameSample {
  fps: number;
  frames: number;
  ms: number;
  /** Longest gap between two frames (a stutter shows here even when the mean looks fine). */
  worstFrameMs: number;
  /** What Phaser's update + render took per frame (mean, 95th percentile): the scene's own cost. */
  workMs: { mean: number; p95: number };
}

/** Mean and p95 of the page's last `frames` frame costs (window.__screen.frameCosts). */
async function workOf(page: Page, frames: number): Promise<{ mean: number; p95: number }> {
  const costs = (await page.evaluate(() => window.__screen!.frameCosts())).slice(-Math.max(1, frames));
  if (costs.length === 0) return { mean: 0, p95: 0 };
  const sorted = [...costs].sort((a, b) => a - b);
  return { mean: costs.reduce((a, b) => a + b, 0) / costs.length, p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! };
}

/** Counts animation frames in the page for `ms` milliseconds. */
async function sampleFrames(page: Page, ms: number): Promise<FrameSample> {
  const sample = await page.evaluate(
    (duration) =>
      new Promise<Omit<FrameSample, "workMs">>((resolve) => {
        let frames = 0;
        let worst = 0;
        let first = 0;
        let last = 0;
        const tick = (now: number) => {
          if (first === 0) first = last = now;
          else {
            frames++;
            worst = Math.max(worst, now - last);
            last = now;
          }
          if (now - first < duration) requestAnimationFrame(tick);
          else resolve({ fps: (frames * 1000) / (last - first), frames, ms: last - first, worstFrameMs: worst });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
  return { ...sample, workMs: await workOf(page, sample.frames) };
}

/**
 * Counts frames from the moment the reveal animation starts (lines appear) until the scene
 * says it is complete (`revealProgress` reaches 1): the fps while lines grow.
 */
async function sampleReveal(page: Page, timeoutMs: number): Promise<FrameSample & { isComplete: boolean }> {
  const sample = await page.evaluate(
    (timeout) =>
      new Promise<Omit<FrameSample, "workMs"> & { isComplete: boolean }>((resolve) => {
        const hook = window.__screen!;
        let frames = 0;
        let worst = 0;
        let first = 0;
        let last = 0;
        const began = performance.now();
        const tick = (now: number) => {
          const isAnimating = hook.linesDrawn > 0 && hook.revealProgress < 1;
          if (first === 0) {
            if (isAnimating) first = last = now;
          } else {
            frames++;
            worst = Math.max(worst, now - last);
            last = now;
          }
          const isDone = first !== 0 && hook.revealProgress >= 1;
          if (isDone || now - began > timeout) {
            const ms = last - first;
            resolve({ fps: ms > 0 ? (frames * 1000) / ms : 0, frames, ms, worstFrameMs: worst, isComplete: isDone });
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    timeoutMs,
  );
  return { ...sample, workMs: await workOf(page, sample.frames) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const rounded = (s: FrameSample) => ({
  fps: round1(s.fps),
  frames: s.frames,
  ms: Math.round(s.ms),
  worstFrameMs: round1(s.worstFrameMs),
  workMs: { mean: round1(s.workMs.mean), p95: round1(s.workMs.p95) },
});

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        guests: { type: "string", default: "300" },
        width: { type: "string", default: "1920" },
        height: { type: "string", default: "1080" },
        seconds: { type: "string", default: "4" },
        json: { type: "boolean", default: false },
        trace: { type: "string" },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const guests = Number(values.guests);
  const viewport = { width: Number(values.width), height: Number(values.height) };
  const sampleMs = Number(values.seconds) * 1000;
  if (!Number.isInteger(guests) || guests < 2 || guests > 1000) fail("--guests must be an integer from 2 to 1000");
  if (!(viewport.width >= 320 && viewport.height >= 240)) fail("--width/--height must be at least 320×240");
  if (!(sampleMs >= 500 && sampleMs <= 60_000)) fail("--seconds must be from 0.5 to 60");

  await ensureEncoderCache();
  // Every bot joins from 127.0.0.1: lift the per-address limits a classroom NAT would need anyway.
  const config = loadConfig({
    port: 0,
    host: "127.0.0.1",
    maxGuests: Math.max(400, guests),
    joinsPerMinutePerIp: 100_000,
    dbPath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-screen-")), "party.db"),
  });
  const store = PartyStore.open(config.dbPath);
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine, store);
  const httpUrl = `http://127.0.0.1:${server.port}`;
  const browser = await launchChromium();
  const bots: BotStudent[] = [];
  let host: HostDriver | undefined;
  try {
    host = await HostDriver.createParty(httpUrl, 600);
    const code = host.code;
    const context = await browser.newContext({ viewport });
    // tsx compiles this file with esbuild's keepNames, which wraps the samplers' inner functions
    // in a `__name(...)` helper that exists only in Node: give the page a no-op one.
    await context.addInitScript("window.__name = (fn) => fn;");
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.goto(`${httpUrl}/screen/${code}`);
    await page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 60_000 });

    const joinStarted = Date.now();
    for (let i = 0; i < guests; i += JOIN_BATCH) {
      const batch = Array.from({ length: Math.min(JOIN_BATCH, guests - i) }, (_, k) => new BotStudent(wsUrlOf(httpUrl), botName(i + k)));
      bots.push(...(await Promise.all(batch.map((b) => b.join(code)))));
    }
    await page.waitForFunction((n) => window.__screen?.guestCount === n, guests, { timeout: 60_000 });
    log(`${guests} guests joined in ${Date.now() - joinStarted} ms`);
    await page.waitForTimeout(1500); // arrivals' pop-in tweens finish
    const traced = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      if (!values.trace) return run();
      await browser.startTracing(page, { path: `${values.trace}-${name}.json`, categories: TRACE_CATEGORIES });
      try {
        return await run();
      } finally {
        await browser.stopTracing();
      }
    };
    const lobbyIdle = await traced("lobby", () => sampleFrames(page, sampleMs));
    log(`lobby idle ${lobbyIdle.fps.toFixed(1)} fps, work ${lobbyIdle.workMs.mean.toFixed(1)} ms`);

    const cards = bots.map((b) => b.next(ServerMessage.card, 60_000));
    host.send(ClientMessage.startRound, { roundType: "party" });
    await host.waitForPhase("brief", 60_000);
    await Promise.all(cards);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write", 60_000);
    await page.waitForFunction(() => window.__screen?.scene === "PartyScene", null, { timeout: 60_000 });
    // Half the class has sent its texts: the scene shows ✓ and "thinking" guests side by side.
    const deck = getDeck();
    const textsFor = (bot: BotStudent, i: number) => {
      const need = deck.items.find((item) => item.need === bot.card!.need)!;
      const offer = deck.items.find((item) => item.offer === bot.card!.offer)!;
      return { query: need.botQueries[i % need.botQueries.length]!, key: offer.botKeys[i % offer.botKeys.length]!, value: offer.botValues[i % offer.botValues.length]! };
    };
    const half = Math.floor(guests / 2);
    for (let i = 0; i < half; i += JOIN_BATCH) await Promise.all(bots.slice(i, Math.min(half, i + JOIN_BATCH)).map((b, k) => b.submit(textsFor(b, i + k))));
    await page.waitForTimeout(1500);
    const writingIdle = await sampleFrames(page, sampleMs);
    log(`writing idle ${writingIdle.fps.toFixed(1)} fps, work ${writingIdle.workMs.mean.toFixed(1)} ms`);
    for (let i = half; i < guests; i += JOIN_BATCH) await Promise.all(bots.slice(i, Math.min(guests, i + JOIN_BATCH)).map((b, k) => b.submit(textsFor(b, i + k))));
    await page.waitForTimeout(1000);

    const revealStarted = Date.now();
    const reveal = await traced("reveal", () => {
      const revealSample = sampleReveal(page, 60_000);
      host!.send(ClientMessage.reveal);
      return revealSample;
    });
    log(`reveal animation ${reveal.fps.toFixed(1)} fps over ${Math.round(reveal.ms)} ms (lines on screen ${Date.now() - revealStarted} ms after the host's reveal)`);
    await page.waitForTimeout(1000);
    const revealIdle = await sampleFrames(page, sampleMs);
    log(`after the reveal, idle ${revealIdle.fps.toFixed(1)} fps, work ${revealIdle.workMs.mean.toFixed(1)} ms`);
    const scene = await page.evaluate(() => ({
      scene: window.__screen!.scene,
      guestCount: window.__screen!.guestCount,
      linesDrawn: window.__screen!.linesDrawn,
      renderer: window.__screen!.renderer,
    }));

    const result = {
      guests,
      viewport,
      renderer: scene.renderer,
      linesDrawn: scene.linesDrawn,
      fps: {
        lobbyIdle: rounded(lobbyIdle),
        writingIdle: rounded(writingIdle),
        revealAnimation: { ...rounded(reveal), isComplete: reveal.isComplete },
        revealIdle: rounded(revealIdle),
      },
      target: { fps: 50, isMet: [writingIdle, reveal, revealIdle].every((s) => s.fps >= 50) },
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map(round1) },
      pageErrors,
    };
    if (values.json) process.stdout.write(JSON.stringify(result) + "\n");
    else {
      process.stdout.write(`${guests} guests at ${viewport.width}×${viewport.height} (${scene.renderer}), load ${result.machine.loadAverage.join(" ")}\n`);
      for (const [what, s] of Object.entries(result.fps)) {
        process.stdout.write(`  ${what.padEnd(16)} ${s.fps.toFixed(1)} fps (worst frame ${s.worstFrameMs} ms; scene work ${s.workMs.mean} ms mean, ${s.workMs.p95} ms p95)\n`);
      }
    }
    await context.close();
  } finally {
    await Promise.all(bots.map((b) => b.leave()));
    await host?.leave();
    await browser.close();
    await server.close();
    await engine.close();
    store.close();
  }
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`bench:screen: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
