import { h } from '../../lib/dom';
import { formatNumber, t } from '../../lib/i18n';
import type { AtlasMap } from '../../map/atlas-map';
import { roundPosition } from './entry-draft';
import { type GeocodedPlace, geocode } from './geocoder';

export interface PositionPickerOptions {
  map: AtlasMap | null;
  initial: [number, number] | null;
  /** Start in picking mode: the next click or tap on the map places the entry. */
  picking: boolean;
  /** The address search service, or null (geocoding off, the default). */
  geocoderUrl: string | null;
  /** An address was found: the form may fill its address fields. */
  onGeocoded?: (place: GeocodedPlace) => void;
}

/**
 * Where the entry is: a click or tap on the map, the map's centre (the keyboard's way: move the map with
 * the arrows, then take its centre), the device's position, or an address when a geocoder is configured.
 * Placing on the map works without any service.
 */
export class PositionPicker {
  readonly element: HTMLFieldSetElement;
  private position: [number, number] | null;
  private picking = false;
  private readonly status: HTMLElement;
  private readonly pickButton: HTMLButtonElement;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: PositionPickerOptions) {
    this.position = options.initial;
    this.status = h('p', { class: 'position-value', 'aria-live': 'polite' });
    this.pickButton = h(
      'button',
      { type: 'button', class: 'button-secondary', 'aria-pressed': 'false', id: 'position-pick' },
      t('position.pick'),
    );
    const center = h(
      'button',
      { type: 'button', class: 'button-secondary', id: 'position-center' },
      t('position.center'),
    );
    const locate = h(
      'button',
      { type: 'button', class: 'button-secondary', id: 'position-locate' },
      t('position.locate'),
    );
    const error = h('p', { class: 'field-error', id: 'position-error' });
    error.hidden = true;
    this.element = h(
      'fieldset',
      { class: 'field position', 'data-path': '/geometry', 'aria-describedby': 'position-error' },
      h('legend', {}, t('position.legend')),
      this.status,
      h('div', { class: 'button-row' }, this.pickButton, center, locate),
    );
    if (!options.map) {
      this.pickButton.disabled = true;
      center.disabled = true;
    }
    if (options.geocoderUrl) this.element.append(this.addressSearch(options.geocoderUrl));
    this.element.append(error);

    this.pickButton.addEventListener('click', () => this.setPicking(!this.picking));
    center.addEventListener('click', () => {
      const viewport = options.map?.getViewport();
      if (viewport) this.set([viewport.lng, viewport.lat], t('position.fromCenter'));
    });
    locate.addEventListener('click', () => this.locate());
    this.unsubscribe =
      options.map?.onMapClick((lngLat) => {
        if (this.picking) this.set(lngLat, t('position.fromMap'));
      }) ?? (() => {});
    this.render();
    options.map?.setDraftPoint(this.position);
    this.setPicking(options.picking && options.map !== null);
  }

  value(): [number, number] | null {
    return this.position;
  }

  destroy(): void {
    this.unsubscribe();
    this.setPicking(false);
    this.options.map?.setDraftPoint(null);
  }

  private set(position: [number, number], how: string): void {
    if (this.picking) this.setPicking(false);
    this.position = roundPosition(position);
    this.options.map?.setDraftPoint(this.position);
    this.render(how);
    // The form hears it like any field change (its error message goes away).
    this.element.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private setPicking(on: boolean): void {
    this.picking = on;
    this.pickButton.setAttribute('aria-pressed', String(on));
    this.options.map?.setPicking(on);
    document.body.classList.toggle('picking', on);
    if (on) this.status.textContent = t('position.picking');
    else this.render();
  }

  private render(how?: string): void {
    if (this.picking) return;
    if (!this.position) {
      this.status.textContent = t('position.none');
      return;
    }
    const [lng, lat] = this.position;
    const where = t('position.value', {
      lat: formatNumber(lat, { maximumFractionDigits: 5 }),
      lng: formatNumber(lng, { maximumFractionDigits: 5 }),
    });
    this.status.textContent = how ? `${how} ${where}` : where;
  }

  private locate(): void {
    if (!('geolocation' in navigator)) {
      this.status.textContent = t('position.locateUnavailable');
      return;
    }
    this.status.textContent = t('position.locating');
    navigator.geolocation.getCurrentPosition(
      (found) => {
        const position: [number, number] = [found.coords.longitude, found.coords.latitude];
        this.set(position, t('position.fromDevice'));
        this.options.map?.flyTo(position, 15);
      },
      (error) => {
        this.status.textContent =
          error.code === error.PERMISSION_DENIED ? t('position.locateDenied') : t('position.locateFailed');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  private addressSearch(serviceUrl: string): HTMLElement {
    const input = h('input', { type: 'search', id: 'position-address', autocomplete: 'street-address' });
    const go = h('button', { type: 'button', class: 'button-secondary' }, t('position.search'));
    const results = h('ul', { class: 'geocoder-results', 'aria-live': 'polite' });
    const run = async () => {
      const q = input.value.trim();
      if (!q) return;
      results.replaceChildren(h('li', {}, t('position.searching')));
      try {
        const places = await geocode(serviceUrl, q);
        results.replaceChildren(
          ...(places.length === 0
            ? [h('li', {}, t('position.noAddress'))]
            : places.map((place) => {
                const pick = h('button', { type: 'button', class: 'link-button' }, place.label);
                pick.addEventListener('click', () => {
                  this.set([place.lng, place.lat], t('position.fromAddress'));
                  this.options.map?.flyTo([place.lng, place.lat], 16);
                  this.options.onGeocoded?.(place);
                  results.replaceChildren();
                });
                return h('li', {}, pick);
              })),
        );
      } catch (error) {
        console.warn(error);
        results.replaceChildren(h('li', {}, t('position.geocoderFailed')));
      }
    };
    go.addEventListener('click', () => void run());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void run();
      }
    });
    return h(
      'div',
      { class: 'address-search' },
      h('label', { for: input.id }, t('position.address')),
      h('div', { class: 'inline' }, input, go),
      results,
    );
  }
}
