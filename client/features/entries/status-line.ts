import { t } from '../../lib/i18n';
import type { LoadProgress } from './entry-loader';
import { describeLoadError } from './load-error';

/** The status line over the map: what is loading, how much is loaded, what failed; notes can be added. */
export class StatusLine {
  private sentence = t('status.loading');
  private readonly notes = new Set<string>();

  constructor(private readonly element: HTMLElement) {}

  progress(progress: LoadProgress): void {
    if (progress.state === 'error') {
      console.warn(progress.error);
      this.set(describeLoadError(progress.error), 'error');
      return;
    }
    if (progress.state === 'loading') {
      this.set(
        progress.loaded > 0 ? t('status.loadingCount', { count: progress.loaded }) : t('status.loading'),
        'loading',
      );
      return;
    }
    const sentences = [t('status.loaded', { count: progress.loaded })];
    if (progress.truncated) sentences.push(t('status.byArea', { count: progress.loaded }));
    this.set(sentences.join(' '), 'done');
  }

  note(text: string): void {
    if (this.notes.has(text)) return;
    this.notes.add(text);
    this.render();
  }

  set(sentence: string, state: 'loading' | 'done' | 'error'): void {
    this.sentence = sentence;
    this.element.dataset.state = state;
    this.render();
  }

  private render(): void {
    this.element.textContent = [this.sentence, ...this.notes].join(' ');
  }
}
