import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';

/**
 * The side panel (a bottom sheet on narrow screens) that shows an entry or the editor. It moves the focus
 * to its heading when it opens, closes with its button or Escape, and gives the focus back on closing.
 */
export class PanelShell {
  private onClose: (() => void) | null = null;
  private onLeave: (() => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly element: HTMLElement) {
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** What the panel shows: an entry, the editor, or nothing. */
  get mode(): 'entry' | 'editor' | null {
    return this.isOpen ? ((this.element.dataset.mode as 'entry' | 'editor' | undefined) ?? null) : null;
  }

  /**
   * Shows `content` with a close button; `heading` takes the focus unless `focus` is false (a live refresh
   * of what is already open must not move the focus).
   */
  open(
    content: Node[],
    options: {
      heading: HTMLElement;
      onClose: () => void;
      /** Called when this content goes away, whatever replaces it (the editor stops picking on the map). */
      onLeave?: () => void;
      focus?: boolean;
      mode: 'entry' | 'editor';
    },
  ): void {
    // A refresh of what is open keeps the focus where it was (same id), or puts it on the new heading.
    const active = document.activeElement;
    const hadFocus = active instanceof HTMLElement && this.element.contains(active);
    const activeId = hadFocus ? active.id : '';
    this.leave();
    this.onLeave = options.onLeave ?? null;
    if (
      !this.isOpen &&
      document.activeElement instanceof HTMLElement &&
      document.activeElement !== document.body
    )
      this.returnFocus = document.activeElement;
    this.onClose = options.onClose;
    const close = h('button', { type: 'button', class: 'panel-close', 'aria-label': t('panel.close') }, '×');
    close.addEventListener('click', () => this.close());
    if (!options.heading.id) options.heading.id = 'panel-title';
    this.element.setAttribute('aria-labelledby', options.heading.id);
    this.element.dataset.mode = options.mode;
    this.element.replaceChildren(close, ...content);
    this.element.hidden = false;
    document.body.classList.add('panel-open');
    document.body.classList.toggle('editing', options.mode === 'editor');
    options.heading.tabIndex = -1;
    if (options.focus !== false) options.heading.focus();
    else if (hadFocus) {
      const same = activeId ? this.element.querySelector<HTMLElement>(`#${CSS.escape(activeId)}`) : null;
      (same ?? options.heading).focus();
    }
  }

  private leave(): void {
    const onLeave = this.onLeave;
    this.onLeave = null;
    onLeave?.();
  }

  /** Closes the panel and tells whoever opened it. */
  close(): void {
    if (!this.isOpen) return;
    this.hide();
    const onClose = this.onClose;
    this.onClose = null;
    onClose?.();
  }

  /** Hides the panel without calling back (the state already says nothing is open). */
  hide(): void {
    this.leave();
    this.element.hidden = true;
    this.element.replaceChildren();
    document.body.classList.remove('panel-open', 'editing');
    const target = this.returnFocus;
    this.returnFocus = null;
    // Only when the focus was inside the panel (and went with it): never take it from elsewhere.
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (target?.isConnected && lost) target.focus();
  }
}
