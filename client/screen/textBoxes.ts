// Where a scene's texts really are on the projector, for the test hook's overlap and size checks:
// bounds in scene pixels after every container's position and scale, and the font as it is seen
// (a 40 px text in a container shrunk to half reads as 20 px from the back row).
import Phaser from "phaser";
import type { ScreenBox } from "./ScreenModel.js";

/** One text's box; `id` defaults to the text's name, else its words. */
export function textBox(text: Phaser.GameObjects.Text, id = text.name || text.text, kind: ScreenBox["kind"] = "text"): ScreenBox {
  const b = text.getBounds();
  // getBounds includes every parent's scale; text.height does not.
  const seenScale = text.height > 0 ? b.height / text.height : 1;
  return { id, kind, x: b.x, y: b.y, width: b.width, height: b.height, fontPx: Number.parseFloat(String(text.style.fontSize)) * seenScale };
}

/** Every visible, non-empty text among `objects` and inside their containers (hidden containers skip their children). */
export function visibleTextBoxes(objects: ReadonlyArray<Phaser.GameObjects.GameObject>): ScreenBox[] {
  const out: ScreenBox[] = [];
  const visit = (obj: Phaser.GameObjects.GameObject) => {
    if (obj instanceof Phaser.GameObjects.Container) {
      if (obj.visible) obj.list.forEach(visit);
    } else if (obj instanceof Phaser.GameObjects.Text && obj.visible && obj.text !== "") {
      out.push(textBox(obj));
    }
  };
  objects.forEach(visit);
  return out;
}
