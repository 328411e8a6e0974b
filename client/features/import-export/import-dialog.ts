import type { ImportMapping, ImportRecord } from '../../../server/contract/import';
import type { AppContext } from '../../app-context';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { followImport } from './follow-import';
import { ImportRequestError, postImport, revertImport } from './import-api';
import { describeImportError } from './import-errors';
import { createPastImports } from './past-imports';
import { createPreviewStep } from './preview-step';
import { createRunStep } from './run-step';
import { createSourceStep, type SourceChoice } from './source-step';
import './import.css';

type Step = 'source' | 'preview' | 'run';
const STEPS: readonly Step[] = ['source', 'preview', 'run'];
/** A new dry run waits this long after the last mapping change, so a few quick changes cost one request. */
const PREVIEW_DELAY_MS = 700;

/**
 * The import dialog (admins and facilitators): 1. a file or an address; 2. a dry run's preview with the
 * column mapping, run again after each change; 3. the real run's progress, its result and its undo. The
 * dialog is kept between openings, so closing it by mistake loses nothing (an import goes on meanwhile).
 */
export class ImportDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly stepItems: Map<Step, HTMLLIElement>;
  private readonly errorBox: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private readonly source = createSourceStep(() => void this.submitSource());
  private readonly preview;
  private readonly run = createRunStep({
    undo: () => void this.undo(),
    again: () => this.startOver(),
    close: () => this.dialog.close(),
  });
  private readonly past = createPastImports((record, button) => void this.revertPast(record, button));
  private step: Step = 'source';
  private choice: SourceChoice | null = null;
  private mapping: ImportMapping | undefined;
  private onDuplicate: 'skip' | 'create' = 'skip';
  private previewRequest: AbortController | null = null;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private runningId: string | null = null;
  private opener: HTMLElement | null = null;

  constructor(private readonly context: AppContext) {
    this.preview = createPreviewStep(() => this.context.themes, {
      mappingChanged: (mapping) => {
        this.mapping = mapping;
        this.schedulePreview();
      },
      duplicatesChanged: (policy) => {
        this.onDuplicate = policy;
        this.schedulePreview();
      },
      back: () => this.setStep('source'),
      run: () => void this.startRun(),
    });
    const close = h(
      'button',
      { type: 'button', class: 'import-close', 'aria-label': t('import.closeLabel') },
      '×',
    );
    close.addEventListener('click', () => this.dialog.close());
    this.stepItems = new Map(
      STEPS.map((step) => [step, h('li', {}, t(`import.step.${step}`))] as [Step, HTMLLIElement]),
    );
    this.errorBox = h('div', { class: 'import-error', role: 'alert' });
    this.status = h('p', { class: 'import-status', role: 'status' });
    this.dialog = h(
      'dialog',
      { class: 'dialog import-dialog', 'aria-labelledby': 'import-title', id: 'import-dialog' },
      h('div', { class: 'import-head' }, h('h2', { id: 'import-title' }, t('import.title')), close),
      h('ol', { class: 'import-steps', 'aria-label': t('import.steps') }, ...this.stepItems.values()),
      this.errorBox,
      this.status,
      this.source.section,
      this.preview.section,
      this.run.section,
      this.past.element,
    );
    this.dialog.addEventListener('close', () => this.opener?.focus());
    document.body.append(this.dialog);
    this.setStep('source', false);
  }

  open(opener: HTMLElement): void {
    this.opener = opener;
    this.dialog.showModal();
    this.currentHeading().focus();
  }

  private setStep(step: Step, focus = true): void {
    this.step = step;
    for (const [name, item] of this.stepItems) {
      if (name === step) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    }
    this.source.section.hidden = step !== 'source';
    this.preview.section.hidden = step !== 'preview';
    this.run.section.hidden = step !== 'run';
    if (focus) this.currentHeading().focus();
  }

  private currentHeading(): HTMLElement {
    if (this.step === 'preview') return this.preview.heading;
    if (this.step === 'run') return this.run.heading;
    return this.source.heading;
  }

  private showError(error: unknown): void {
    const { message, detail } = describeImportError(error);
    const parts: Node[] = [h('p', {}, message)];
    if (detail) parts.push(h('p', { class: 'import-detail', lang: 'en' }, detail));
    this.errorBox.replaceChildren(...parts);
  }

  private clearError(): void {
    this.errorBox.replaceChildren();
  }

  private async submitSource(): Promise<void> {
    const choice = this.source.read();
    if (typeof choice === 'string') {
      this.errorBox.replaceChildren(h('p', {}, choice));
      return;
    }
    // Another file or format starts from the server's guess again; the same one keeps the mapping made.
    if (!this.choice || sourceKey(this.choice) !== sourceKey(choice)) {
      this.mapping = undefined;
      this.onDuplicate = 'skip';
    }
    this.choice = choice;
    if (await this.runPreview()) this.setStep('preview');
  }

  private schedulePreview(): void {
    clearTimeout(this.previewTimer);
    // An answer to an older mapping must not come back over the newer one.
    this.previewRequest?.abort();
    this.preview.markStale();
    this.status.textContent = t('import.preview.updating');
    this.previewTimer = setTimeout(() => void this.runPreview(), PREVIEW_DELAY_MS);
  }

  /** Runs a dry run with the current choices; true when its report is shown. */
  private async runPreview(): Promise<boolean> {
    if (!this.choice) return false;
    clearTimeout(this.previewTimer);
    this.previewRequest?.abort();
    const request = new AbortController();
    this.previewRequest = request;
    this.status.textContent = t('import.preview.running');
    this.preview.markStale();
    try {
      const record = await postImport(
        {
          ...this.choice,
          mapping: this.mapping,
          onDuplicate: this.onDuplicate,
          dryRun: true,
        },
        request.signal,
      );
      if (request.signal.aborted) return false;
      this.mapping = record.report.mapping;
      this.clearError();
      this.source.showDetected(record.format);
      this.preview.show(record, this.mapping ?? {}, this.onDuplicate);
      this.status.textContent = t('import.preview.ready', {
        create: record.counts.create,
        update: record.counts.update,
        rejected: record.counts.rejected,
      });
      return true;
    } catch (error) {
      if (request.signal.aborted) return false;
      this.status.textContent = '';
      this.showError(error);
      // Too many dry runs in a minute: try again once the server allows it.
      if (
        error instanceof ImportRequestError &&
        error.status === 429 &&
        error.retryAfter &&
        this.step === 'preview'
      )
        this.previewTimer = setTimeout(() => void this.runPreview(), error.retryAfter * 1000);
      return false;
    } finally {
      if (this.previewRequest === request) this.previewRequest = null;
    }
  }

  private async startRun(): Promise<void> {
    if (!this.choice) return;
    this.status.textContent = t('import.run.sending');
    let record: ImportRecord;
    try {
      record = await postImport({
        ...this.choice,
        mapping: this.mapping,
        onDuplicate: this.onDuplicate,
        dryRun: false,
      });
    } catch (error) {
      this.status.textContent = '';
      this.showError(error);
      return;
    }
    this.clearError();
    this.status.textContent = '';
    this.runningId = record.id;
    this.run.start(record);
    this.setStep('run');
    try {
      // Not aborted when the dialog closes: the import goes on, and the dialog shows its end when reopened.
      const final = await followImport(
        record.id,
        (progress) => this.run.progress(progress),
        new AbortController().signal,
      );
      this.run.finish(final);
      this.past.refresh();
    } catch (error) {
      this.showError(error);
    }
  }

  private async undo(): Promise<void> {
    if (!this.runningId) return;
    try {
      const record = await revertImport(this.runningId);
      this.clearError();
      this.run.reverted(record);
      this.past.refresh();
    } catch (error) {
      this.showError(error);
      this.run.undoFailed();
    }
  }

  private async revertPast(record: ImportRecord, button: HTMLButtonElement): Promise<void> {
    try {
      await revertImport(record.id);
      this.clearError();
      this.status.textContent = t('import.past.reverted', {
        name: record.sourceName ?? record.filename ?? '',
      });
      this.past.refresh();
    } catch (error) {
      this.showError(error);
      button.disabled = false;
    }
  }

  private startOver(): void {
    this.runningId = null;
    this.choice = null;
    this.mapping = undefined;
    this.onDuplicate = 'skip';
    this.status.textContent = '';
    this.clearError();
    this.setStep('source');
  }
}

function sourceKey(choice: SourceChoice): string {
  const from =
    'file' in choice.source
      ? `file:${choice.source.file.name}:${choice.source.file.size}:${choice.source.file.lastModified}`
      : `url:${choice.source.url}`;
  return `${from}|${choice.format}`;
}
