import { t } from '../../lib/i18n';
import type { Store } from '../../lib/store';
import { describeLoadError } from '../entries/load-error';
import type { SearchProgress } from '../filters/api-lookups';
import type { AppState } from '../url-state/app-state';

export interface SearchBoxElements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  /** A polite live region for the search's outcome. */
  status: HTMLElement;
}

/**
 * The search field: each keystroke goes to the state (and the URL) at once; the API is asked once typing
 * pauses (see ApiLookups). Enter moves to the results.
 */
export function startSearchBox(
  elements: SearchBoxElements,
  state: Store<AppState>,
  onSubmit: () => void,
): { report(progress: SearchProgress): void } {
  const { form, input, status } = elements;
  input.value = state.get().q;
  input.addEventListener('input', () => {
    const q = input.value;
    const current = state.get();
    // A search sorts by relevance until the person picks another order.
    const sort =
      q.trim() && !current.q.trim()
        ? 'relevance'
        : !q.trim() && current.sort === 'relevance'
          ? 'name'
          : current.sort;
    state.set({ q, sort });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  state.subscribe((current) => {
    if (input.value !== current.q) input.value = current.q;
  });
  return {
    report(progress) {
      form.dataset.state = progress.state;
      if (progress.state === 'searching') status.textContent = t('search.searching');
      else if (progress.state === 'done')
        status.textContent = t('search.results', { count: progress.count, q: progress.q });
      else if (progress.state === 'error') status.textContent = describeLoadError(progress.error);
      else status.textContent = '';
    },
  };
}
