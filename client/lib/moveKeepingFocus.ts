// Moving a node in the DOM blurs whatever was focused inside it. The dashboard moves its panels
// when a round starts or ends; an instructor typing in the round queue's form at that moment
// would lose the caret, and the keys after it would go nowhere.

/** Runs `move` (which re-inserts nodes) and gives focus and caret back to the element that had them. */
export function moveKeepingFocus(move: () => void): void {
  const focused = document.activeElement;
  const caret = caretOf(focused);
  move();
  if (!(focused instanceof HTMLElement) || focused === document.activeElement || !focused.isConnected) return;
  focused.focus({ preventScroll: true });
  if (caret && (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement)) {
    try {
      focused.setSelectionRange(caret.start, caret.end);
    } catch {
      // Number and some other inputs have no caret to set.
    }
  }
}

function caretOf(element: Element | null): { start: number; end: number } | null {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return null;
  try {
    const { selectionStart: start, selectionEnd: end } = element;
    return start === null || end === null ? null : { start, end };
  } catch {
    return null;
  }
}
