// Runs for the projector's whole life: connects as the party's screen, shows "connecting" and
// errors, picks the scene for the room's phase (lobby → LobbyScene, brief/write/reveal →
// PartyScene, scores/ended → LeaderboardScene), and lays a "reconnecting…" banner over it.
import Phaser from "phaser";
import { isValidJoinCode } from "../../../shared/joinCode.js";
import type { Phase } from "../../../shared/roomState.js";
import type { StatusChange } from "../../net/PartyConnection.js";
import { screenModel } from "../ScreenModel.js";
import { COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";

const SCENE_FOR_PHASE: Record<Phase, string> = {
  lobby: "LobbyScene",
  brief: "PartyScene",
  write: "PartyScene",
  reveal: "PartyScene",
  scores: "LeaderboardScene",
  ended: "LeaderboardScene",
};

/** Model and course rounds have scenes of their own until the scores. */
function sceneFor(phase: Phase, roundType: string): string {
  const isRound = phase === "brief" || phase === "write" || phase === "reveal";
  if (isRound && roundType === "model") return "ModelScene";
  if (isRound && roundType === "course") return "CourseScene";
  if (isRound && roundType === "blocks") return "BlocksScene";
  if (isRound && (roundType === "sentence" || roundType === "heads")) return "SentenceScene";
  return SCENE_FOR_PHASE[phase];
}

export class DirectorScene extends Phaser.Scene {
  private activeKey: string | null = null;
  private message!: Phaser.GameObjects.Text;
  /** Backdrop and message, shown only while no other scene is up. */
  private idleLayer!: Phaser.GameObjects.Container;
  private banner!: Phaser.GameObjects.Container;
  private bannerText!: Phaser.GameObjects.Text;

  constructor() {
    super("DirectorScene");
  }

  create(): void {
    this.message = this.add.text(WIDTH / 2, HEIGHT / 2, "", { ...textStyle(56, CSS.text, "bold"), align: "center", wordWrap: { width: 1500 } }).setOrigin(0.5);
    this.idleLayer = this.add.container(0, 0, [drawBackdrop(this), this.message]);
    const bannerBack = this.add.graphics();
    bannerBack.fillStyle(COLOR.amber, 1).fillRoundedRect(WIDTH / 2 - 420, 14, 840, 70, 35);
    this.bannerText = this.add.text(WIDTH / 2, 49, "", textStyle(34, CSS.ink, "bold")).setOrigin(0.5);
    this.banner = this.add.container(0, 0, [bannerBack, this.bannerText]).setDepth(100).setVisible(false);

    const { connection } = screenModel;
    connection.on("state", (s) => this.route(s.phase, s.roundType));
    connection.on("status", (change) => this.showStatus(change));

    if (!isValidJoinCode(screenModel.code)) {
      this.message.setText("No party code in the address.\nOpen the projector from the dashboard (/screen/CODE).");
      return;
    }
    this.message.setText(`Connecting to party ${screenModel.code}…`);
    connection.connect(screenModel.code, { role: "screen" }).catch(() => undefined); // shown via "status"
  }

  private route(phase: Phase, roundType: string): void {
    const key = sceneFor(phase, roundType);
    if (key === this.activeKey) return;
    if (this.activeKey) this.scene.stop(this.activeKey);
    this.scene.launch(key);
    // The director's own drawing is only for "connecting"/errors; keep its banner on top.
    this.scene.bringToTop();
    this.activeKey = key;
    // Phaser stops and starts scenes at its next step, and until then the old scene still hears the
    // room: the test hook names the new scene only once it has drawn itself.
    this.scene.get(key).events.once(Phaser.Scenes.Events.CREATE, () => {
      if (this.activeKey === key) screenModel.activeScene = key;
    });
    this.idleLayer.setVisible(false);
  }

  private showStatus(change: StatusChange): void {
    if (change.status === "reconnecting") {
      this.bannerText.setText("Connection lost — reconnecting…");
      this.banner.setVisible(true);
    } else if (change.status === "online") {
      this.banner.setVisible(false);
    } else if (change.status === "closed") {
      if (this.activeKey) this.scene.stop(this.activeKey);
      this.activeKey = null;
      screenModel.activeScene = "DirectorScene";
      this.banner.setVisible(false);
      this.message.setText(change.reason ?? "The connection closed.");
      this.idleLayer.setVisible(true);
    }
  }
}
