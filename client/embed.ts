import './features/embed/embed.css';
import { startEmbedPage } from './features/embed/embed-page';

// The light embed page, in other sites' iframes: see client/features/embed/README.md for its parameters.

startEmbedPage().catch((error: unknown) => {
  console.error('embed: could not start', error);
  document.documentElement.dataset.state = 'error';
});
