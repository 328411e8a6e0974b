export interface VirtualListOptions<T> {
  /** Fixed row height in CSS pixels: rows are positioned, never measured. */
  rowHeight: number;
  /** The id of the element that names the list (its heading). */
  labelledBy: string;
  key(item: T): string;
  /** Fills a row with the item's content (text only). */
  renderRow(item: T, row: HTMLElement, index: number): void;
  isSelected(item: T): boolean;
  /** Enter, Space, click or tap on a row. */
  onActivate(item: T): void;
}

const OVERSCAN = 6;

/**
 * A listbox of any length that renders only the rows in sight (plus a few), for thousands of entries. It
 * follows the listbox pattern: one tab stop (roving tabindex), arrows, Page Up/Down, Home and End move the
 * focus, Enter or Space opens; each option carries its position and the set size, so a screen reader says
 * "12 of 3,456" although only some rows exist.
 */
export class VirtualList<T> {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private items: readonly T[] = [];
  private active = 0;
  private readonly rows = new Map<string, { row: HTMLElement; item: T; index: number }>();
  private frame = 0;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.element = document.createElement('div');
    this.element.className = 'vlist';
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-labelledby', options.labelledBy);
    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    this.spacer.setAttribute('aria-hidden', 'true');
    this.element.append(this.spacer);
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (event) => this.keydown(event));
    this.element.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<HTMLElement>('[role="option"]');
      const index = Number(row?.dataset.index);
      const item = this.items[index];
      if (!row || item === undefined) return;
      this.active = index;
      this.render();
      this.options.onActivate(item);
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  get length(): number {
    return this.items.length;
  }

  /** Replaces the items; the focused entry keeps the focus when it is still there. */
  setItems(items: readonly T[]): void {
    const activeKey = this.activeKey();
    this.items = items;
    const kept = activeKey === null ? -1 : items.findIndex((item) => this.options.key(item) === activeKey);
    this.active = kept >= 0 ? kept : Math.min(this.active, Math.max(0, items.length - 1));
    this.spacer.style.height = `${items.length * this.options.rowHeight}px`;
    // Without the focus inside, the rows are drawn afresh, in the new order; with it, the focused row stays.
    if (!this.element.contains(document.activeElement)) {
      for (const entry of this.rows.values()) entry.row.remove();
      this.rows.clear();
    }
    this.render();
  }

  /** Draws the rows again (the selection changed). */
  refresh(): void {
    for (const { row, item } of this.rows.values()) {
      row.setAttribute('aria-selected', String(this.options.isSelected(item)));
    }
  }

  /** Moves the focus to the row of this key (when listed) and scrolls it into sight. */
  focusKey(key: string): boolean {
    const index = this.items.findIndex((item) => this.options.key(item) === key);
    if (index < 0) return false;
    this.moveTo(index, true);
    return true;
  }

  /** Scrolls the row of this key into sight and makes it the tab stop, without taking the focus. */
  revealKey(key: string): void {
    const index = this.items.findIndex((item) => this.options.key(item) === key);
    if (index >= 0) this.moveTo(index, false);
  }

  focus(): void {
    if (this.items.length > 0) this.moveTo(this.active, true);
  }

  private activeKey(): string | null {
    const item = this.items[this.active];
    return item === undefined ? null : this.options.key(item);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const { rowHeight } = this.options;
    // Rows are replaced below; a focused one hands the focus to the new tab stop.
    const focused = this.element.contains(document.activeElement);
    const top = this.element.scrollTop;
    const height = this.element.clientHeight || rowHeight * 10;
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    const last = Math.min(this.items.length - 1, Math.ceil((top + height) / rowHeight) + OVERSCAN);
    const wanted = new Map<string, number>();
    for (let index = first; index <= last; index += 1) {
      const item = this.items[index];
      if (item !== undefined) wanted.set(this.options.key(item), index);
    }
    // The row holding the tab stop always exists, even scrolled away, so the focus is never lost.
    const activeItem = this.items[this.active];
    if (activeItem !== undefined) wanted.set(this.options.key(activeItem), this.active);
    for (const [key, entry] of this.rows) {
      if (!wanted.has(key)) {
        entry.row.remove();
        this.rows.delete(key);
      }
    }
    for (const [key, index] of wanted) {
      const item = this.items[index] as T;
      let entry = this.rows.get(key);
      // A row is drawn again only when its item changed (a new version of the entry).
      if (!entry || entry.item !== item) {
        entry?.row.remove();
        const row = document.createElement('div');
        row.setAttribute('role', 'option');
        row.className = 'vlist-row';
        row.id = `option-${key}`;
        this.options.renderRow(item, row, index);
        entry = { row, item, index: -1 };
        this.rows.set(key, entry);
        // In document order, so that reading the list in browse mode follows it.
        this.element.insertBefore(row, this.rowAfter(index));
      }
      const { row } = entry;
      if (entry.index !== index) {
        entry.index = index;
        row.dataset.index = String(index);
        row.style.transform = `translateY(${index * rowHeight}px)`;
        row.setAttribute('aria-posinset', String(index + 1));
      }
      row.setAttribute('aria-setsize', String(this.items.length));
      row.setAttribute('aria-selected', String(this.options.isSelected(item)));
      row.tabIndex = index === this.active ? 0 : -1;
    }
    if (focused && !this.element.contains(document.activeElement)) this.rowAt(this.active)?.focus();
  }

  /** The rendered row that comes next after `index`, or null for the end of the list. */
  private rowAfter(index: number): HTMLElement | null {
    let next: { row: HTMLElement; index: number } | null = null;
    for (const entry of this.rows.values()) {
      if (entry.index > index && (next === null || entry.index < next.index)) next = entry;
    }
    return next?.row ?? null;
  }

  private rowAt(index: number): HTMLElement | undefined {
    const item = this.items[index];
    return item === undefined ? undefined : this.rows.get(this.options.key(item))?.row;
  }

  private moveTo(index: number, focus: boolean): void {
    if (this.items.length === 0) return;
    this.active = Math.max(0, Math.min(this.items.length - 1, index));
    const { rowHeight } = this.options;
    const top = this.active * rowHeight;
    const view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + rowHeight > this.element.scrollTop + view) this.element.scrollTop = top + rowHeight - view;
    this.render();
    if (focus) this.rowAt(this.active)?.focus({ preventScroll: true });
  }

  private keydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.options.rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      PageDown: this.active + page,
      PageUp: this.active - page,
      Home: 0,
      End: this.items.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      this.moveTo(target, true);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      const item = this.items[this.active];
      if (item === undefined) return;
      event.preventDefault();
      this.options.onActivate(item);
    }
  }
}
