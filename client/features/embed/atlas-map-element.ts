// embed.js: the `<atlas-map>` custom element, for other sites. It is built as a classic script with no
// import (a site adds it with a plain <script src=".../embed.js" async>), so it must stay self-contained.

/** The attributes copied into the embed's URL (see README.md beside this file). */
const PARAMS = [
  'theme',
  'kind',
  'network',
  'workshop',
  'q',
  'bbox',
  'center',
  'zoom',
  'lang',
  'list',
  'live',
  'legend',
  'basemap',
  'token',
];
/** Attributes holding several values separated by spaces or commas. */
const MANY = new Set(['theme', 'kind']);
const DEFAULT_HEIGHT = 420;

/** The iframe's title, in the embed's language (the only text this script shows). */
const TITLES: Record<string, string> = {
  fr: 'Carte de l’Atlas des communs',
  en: 'Map of the Atlas des communs',
};

/** Where the atlas is: the origin this script was loaded from (or the element's `atlas` attribute). */
const scriptOrigin = (() => {
  const script = document.currentScript as HTMLScriptElement | null;
  try {
    return script?.src ? new URL(script.src).origin : null;
  } catch {
    return null;
  }
})();

let counter = 0;

interface ResizeMessage {
  type?: unknown;
  frame?: unknown;
  height?: unknown;
}

/**
 * `<atlas-map theme="fablab repair-cafe" list="1" height="480">`: a responsive iframe of the atlas's embed
 * page whose height follows its content. It lives in a closed shadow root, so the host's CSS cannot reach
 * it, and it adds no global style or variable to the host page.
 */
class AtlasMapElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return [...PARAMS, 'height', 'atlas', 'title'];
  }

  private readonly frameId = `atlas-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  private readonly root: ShadowRoot;
  private readonly iframe: HTMLIFrameElement;
  private listening = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    // `all: initial` stops the host's inherited styles at the boundary; the iframe fills the width.
    style.textContent =
      ':host{all:initial;display:block;width:100%;contain:layout paint}' +
      ':host([hidden]){display:none}' +
      'iframe{display:block;width:100%;border:0;margin:0;padding:0;background:#fff}';
    this.iframe = document.createElement('iframe');
    this.iframe.loading = 'lazy';
    this.iframe.setAttribute('allow', 'fullscreen; geolocation');
    this.root.append(style, this.iframe);
  }

  connectedCallback(): void {
    if (!this.listening) {
      window.addEventListener('message', this.onMessage);
      this.listening = true;
    }
    this.update();
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    this.listening = false;
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.update();
  }

  private get origin(): string | null {
    const given = this.getAttribute('atlas');
    if (given) {
      try {
        return new URL(given, window.location.href).origin;
      } catch {
        return null;
      }
    }
    return scriptOrigin;
  }

  private update(): void {
    const origin = this.origin;
    if (!origin) return;
    const params = new URLSearchParams();
    for (const name of PARAMS) {
      const value = this.getAttribute(name);
      if (value === null || value === '') continue;
      if (MANY.has(name)) for (const part of value.split(/[\s,]+/).filter(Boolean)) params.append(name, part);
      else params.set(name, value);
    }
    const height = Number(this.getAttribute('height'));
    const mapHeight = Number.isInteger(height) && height >= 150 && height <= 3000 ? height : DEFAULT_HEIGHT;
    params.set('frame', this.frameId);
    params.set('height', String(mapHeight));
    const src = `${origin}/embed?${params}`;
    if (this.iframe.src !== src) {
      this.iframe.style.height = `${mapHeight + 40}px`;
      this.iframe.src = src;
    }
    const lang = this.getAttribute('lang') ?? document.documentElement.lang.slice(0, 2);
    this.iframe.title = this.getAttribute('title') ?? TITLES[lang] ?? TITLES.fr!;
  }

  /** Only our own iframe, from the atlas's origin, with our frame id, may set the height. */
  private readonly onMessage = (event: MessageEvent): void => {
    if (event.origin !== this.origin || event.source !== this.iframe.contentWindow) return;
    const data = event.data as ResizeMessage | null;
    if (data?.type !== 'atlas-embed:resize' || data.frame !== this.frameId) return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 100 || height > 20_000) return;
    this.iframe.style.height = `${Math.ceil(height)}px`;
  };
}

if (!customElements.get('atlas-map')) customElements.define('atlas-map', AtlasMapElement);
