/**
 * localStorage that never throws: private browsing modes and disabled storage fall back to
 * "nothing stored".
 */
export const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
  },
};
