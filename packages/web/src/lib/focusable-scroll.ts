import { useEffect } from 'react';

/** Ant Design's scroll boxes of wide tables. */
const SCROLL_BOXES = '.ant-table-content, .ant-table-body';

/**
 * Makes every table box that scrolls sideways reachable by keyboard (tabindex 0), so its hidden
 * columns can be scrolled with the arrow keys even when the table has no link or button (WCAG
 * 2.1.1; axe's scrollable-region-focusable). Watches the page, as tables come and go, and each
 * table's size, which changes without any element being added (a font that finishes loading, a
 * column's text that gets longer).
 */
export function useFocusableScrollBoxes(): void {
  useEffect(() => {
    let frame = 0;
    const sized = new WeakSet<Element>();
    const resizes = new ResizeObserver(() => schedule());
    const mark = () => {
      frame = 0;
      for (const box of document.querySelectorAll<HTMLElement>(SCROLL_BOXES)) {
        for (const el of [box, box.firstElementChild]) {
          if (el && !sized.has(el)) {
            sized.add(el);
            resizes.observe(el);
          }
        }
        const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        if (scrolls && !box.hasAttribute('tabindex')) box.tabIndex = 0;
        else if (!scrolls && box.getAttribute('tabindex') === '0') box.removeAttribute('tabindex');
      }
    };
    function schedule() {
      if (!frame) frame = requestAnimationFrame(mark);
    }
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      resizes.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
