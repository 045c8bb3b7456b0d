// The projector page (`/screen/CODE`): only builds the Phaser game. 1920×1080 logical pixels,
// scaled to fit whatever the projector's resolution is. The DirectorScene connects and picks
// the other scenes by the room's phase.
import Phaser from "phaser";
import { DirectorScene } from "./scenes/DirectorScene.js";
import { LeaderboardScene } from "./scenes/LeaderboardScene.js";
import { LobbyScene } from "./scenes/LobbyScene.js";
import { PartyScene } from "./scenes/PartyScene.js";
import { COLOR, HEIGHT, WIDTH } from "./theme.js";

new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: COLOR.bg,
  scale: {
    mode: Phaser.Scale.FIT,
    autoCenter: Phaser.Scale.CENTER_BOTH,
    width: WIDTH,
    height: HEIGHT,
  },
  banner: false,
  scene: [DirectorScene, LobbyScene, PartyScene, LeaderboardScene],
});
