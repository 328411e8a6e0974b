import type { Store } from '../../lib/store';
import { debounce } from '../../lib/store';
import type { AppState } from './app-state';
import { formatState } from './url-codec';

/**
 * Keeps the address bar in step with the state (history.replaceState: moving the map or ticking a filter
 * makes no history entry), so that the address is always a link to this very view. `onChange` hears each
 * new address (the language switch links to it).
 */
export function syncUrl(state: Store<AppState>, onChange: (url: string) => void): void {
  const write = debounce(() => {
    const search = formatState(state.get(), window.location.search);
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      history.replaceState(history.state, '', url);
    }
    onChange(url);
  }, 200);
  state.subscribe(() => write());
  write();
  write.flush();
}
