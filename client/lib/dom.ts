// Minimal DOM building for the phone and dashboard pages (no framework, to keep the phone
// light). Text always goes in as text nodes, never as HTML, so nothing a guest types can
// become markup.

type Child = Node | string | number | null | undefined | false;

export interface ElementProps {
  class?: string;
  text?: string;
  /** Any other attribute, set with setAttribute (aria-*, role, for, type…). */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [E in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[E]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    node.addEventListener(type, handler as EventListener);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Sets textContent only when it changed (avoids re-announcing live regions). */
export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function show(node: HTMLElement, isShown: boolean): void {
  node.hidden = !isShown;
}

/** 0.3456 → "35%". */
export function percent(weight: number): string {
  return `${Math.round(weight * 100)}%`;
}

/**
 * Rank movement as an arrow: previous 5, now 2 → "▲3" (a column of them shows "–" for no change;
 * `inline`, for a sentence, says "no change"). previous 0/null = new.
 */
export function rankChange(rank: number, previousRank: number | null): { text: string; inline: string; label: string; trend: "up" | "down" | "same" | "new" } {
  if (!previousRank) return { text: "", inline: "", label: "first scores", trend: "new" };
  const delta = previousRank - rank;
  if (delta > 0) return { text: `▲${delta}`, inline: `▲${delta}`, label: `up ${delta}`, trend: "up" };
  if (delta < 0) return { text: `▼${-delta}`, inline: `▼${-delta}`, label: `down ${-delta}`, trend: "down" };
  return { text: "–", inline: "no change", label: "no change", trend: "same" };
}
