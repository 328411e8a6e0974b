import { onAppContext } from '../../app-context';
import { mountShareButton } from '../share/share-button';
import { startLive } from './start-live';

// Imported by main.ts for its side effects: once the app is wired, the live features and the share dialog
// plug into it.
onAppContext((context) => {
  mountShareButton(context);
  startLive(context).catch((error: unknown) => console.error('live: could not start', error));
});
