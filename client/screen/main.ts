// The projector page (`/screen/CODE`): only builds the Phaser game. 1920×1080 logical pixels,
// scaled to fit whatever the projector's resolution is. The DirectorScene connects and picks
// the other scenes by the room's phase; the HudScene lies over them all (key hints, sound).
import Phaser from "phaser";
import { BlocksScene } from "./scenes/BlocksScene.js";
import { CourseScene } from "./scenes/CourseScene.js";
import { ModelScene } from "./scenes/ModelScene.js";
import { DirectorScene } from "./scenes/DirectorScene.js";
import { HudScene } from "./scenes/HudScene.js";
import { LeaderboardScene } from "./scenes/LeaderboardScene.js";
import { LobbyScene } from "./scenes/LobbyScene.js";
import { PartyScene } from "./scenes/PartyScene.js";
import { SentenceScene } from "./scenes/SentenceScene.js";
import { sentenceScreen } from "./sentenceScreen.js";
import { screenModel } from "./ScreenModel.js";
import { COLOR, HEIGHT, WIDTH } from "./theme.js";

/**
 * WebGL when the browser really has a GPU; the Canvas renderer when its WebGL is a software
 * rasteriser (SwiftShader, llvmpipe: a projector laptop with acceleration off, or headless
 * Chromium): there 2D canvas drawing is many times faster than emulated WebGL at 1920×1080.
 * `?renderer=webgl|canvas` overrides.
 */
function pickRenderer(): number {
  const asked = new URLSearchParams(location.search).get("renderer");
  if (asked === "webgl") return Phaser.WEBGL;
  if (asked === "canvas") return Phaser.CANVAS;
  const gl = document.createElement("canvas").getContext("webgl");
  if (!gl) return Phaser.CANVAS;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(name) ? Phaser.CANVAS : Phaser.WEBGL;
}

const game = new Phaser.Game({
  type: pickRenderer(),
  parent: "game",
  backgroundColor: COLOR.bg,
  scale: {
    mode: Phaser.Scale.FIT,
    autoCenter: Phaser.Scale.CENTER_BOTH,
    width: WIDTH,
    height: HEIGHT,
  },
  banner: false,
  scene: [DirectorScene, LobbyScene, PartyScene, LeaderboardScene, ModelScene, CourseScene, SentenceScene, BlocksScene, HudScene],
});
// The blocks walk-through lies over the phase's scene while a payload is set (screenModel.showBlocks;
// the room will send it), under the HUD; hiding it gives the phase's scene back.
screenModel.events.on("blocks", (payload) => {
  if (payload && !game.scene.isActive("BlocksScene")) game.scene.start("BlocksScene");
  else if (!payload && game.scene.isActive("BlocksScene")) game.scene.stop("BlocksScene");
});
// A sentence preview (window.__screen.showSentence: tests and rehearsals, no round in the room)
// lies over the phase's scene the same way; in a real round the DirectorScene starts it.
sentenceScreen.events.on("preview", (phase) => {
  if (phase && !game.scene.isActive("SentenceScene")) game.scene.start("SentenceScene");
  else if (!phase && game.scene.isActive("SentenceScene") && !isSentenceRound()) game.scene.stop("SentenceScene");
  if (phase) screenModel.activeScene = "SentenceScene";
});
function isSentenceRound(): boolean {
  const s = screenModel.connection.snapshot;
  return (s?.roundType === "sentence" || s?.roundType === "heads") && (s.phase === "brief" || s.phase === "write" || s.phase === "reveal");
}
game.events.once(Phaser.Core.Events.READY, () => {
  screenModel.renderer = game.renderer.type === Phaser.WEBGL ? "webgl" : "canvas";
});
// What each frame costs the page (update + render, ms): the benchmark reports it beside the
// frame rate, which on a busy machine also depends on everything else running.
let stepStartedAt = 0;
game.events.on(Phaser.Core.Events.PRE_STEP, () => (stepStartedAt = performance.now()));
game.events.on(Phaser.Core.Events.POST_RENDER, () => screenModel.recordFrameCost(performance.now() - stepStartedAt));
