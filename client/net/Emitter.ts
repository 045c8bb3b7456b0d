// A tiny typed event bus: pages and scenes subscribe to PartyConnection through it, so no
// view ever holds a colyseus.js Room (that object is replaced on every reconnect).

export type Listener<T> = (payload: T) => void;

export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes; the returned function unsubscribes (call it when a scene shuts down). */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    // Copy first: a listener may unsubscribe (or subscribe) while we iterate. One unsubscribed
    // meanwhile is not called: a scene that an earlier listener stopped must not draw any more.
    for (const listener of [...set]) {
      if (!set.has(listener)) continue;
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (err) {
        // One broken view must not stop the others from hearing the event.
        console.error(`listener for "${String(name)}" failed`, err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
