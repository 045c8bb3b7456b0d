// An in-memory stand-in for the browser's Storage (localStorage, sessionStorage): the client
// tests run in Node, without a DOM.
export class MemoryStorage implements Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length"> {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(name: string): string | null {
    return this.items.get(name) ?? null;
  }
  setItem(name: string, value: string): void {
    this.items.set(name, String(value));
  }
  removeItem(name: string): void {
    this.items.delete(name);
  }
}
