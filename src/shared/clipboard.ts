/**
 * Copies text with the Clipboard API, or where it is missing or refused (plain-http school sites,
 * older browsers, permissions) through a hidden textarea and `execCommand('copy')`. The textarea
 * goes into the element's shadow root, where `.visually-hidden` hides it from the page's CSS.
 * Focus returns to where it was. Resolves to whether the text was copied.
 */
export async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const focused = root.activeElement as HTMLElement | null;
    const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true, className: 'visually-hidden' });
    root.append(area);
    area.focus();
    area.select();
    // iOS selects nothing in a read-only field with select() alone (clipboard.js does the same).
    area.setSelectionRange(0, text.length);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
      focused?.focus();
    }
  }
}
