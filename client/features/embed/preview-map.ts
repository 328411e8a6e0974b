import { t } from '../../lib/i18n';
import type { EntriesDiff, MapEntry } from '../../map/atlas-map';
import { BASEMAP_COLORS, BASEMAP_FILES } from '../../map/basemap';
import { DEFAULT_ENTRY_COLOR } from '../../map/layers';
import type { Basemap } from './embed-params';
import { project } from './web-mercator';

type Ring = number[][];
type Geometry =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] }
  | { type: 'LineString'; coordinates: Ring }
  | { type: 'MultiLineString'; coordinates: Ring[] };
interface Feature {
  properties: { kind?: string } | null;
  geometry: Geometry | null;
}

export interface PreviewView {
  center: [number, number];
  zoom: number;
}

/**
 * A still picture of the map, drawn on a 2D canvas: the offline basemap's land, borders and régions, and the
 * entries as dots in their theme's colour. It shows the places within a few hundred milliseconds and with a
 * few kilobytes of code; the interactive MapLibre map replaces it when the person starts to use the map
 * (see embed-page.ts). Live changes redraw it.
 */
export class PreviewMap {
  readonly canvas: HTMLCanvasElement;
  private entries = new Map<string, MapEntry>();
  private basemap: Feature[] = [];
  private frame = 0;
  /** The basemap drawn once for the current size: a redraw of the entries only copies it. */
  private backdrop: { canvas: HTMLCanvasElement; key: string } | null = null;

  constructor(
    private readonly container: HTMLElement,
    readonly view: PreviewView,
    basemap: Basemap,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'embed-preview';
    this.canvas.setAttribute('role', 'img');
    container.append(this.canvas);
    new ResizeObserver(() => this.draw()).observe(container);
    if (basemap !== 'none') void this.loadBasemap(basemap);
    this.draw();
  }

  async setEntries(entries: readonly MapEntry[]): Promise<void> {
    this.entries = new Map(entries.map((entry) => [entry.id, entry]));
    await this.drawNow();
  }

  async updateEntries(diff: EntriesDiff): Promise<void> {
    for (const id of diff.remove ?? []) this.entries.delete(id);
    for (const entry of diff.upsert ?? []) this.entries.set(entry.id, entry);
    await this.drawNow();
  }

  allEntries(): MapEntry[] {
    return [...this.entries.values()];
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.canvas.remove();
  }

  private async loadBasemap(basemap: Basemap): Promise<void> {
    const files = basemap === 'world' ? [BASEMAP_FILES.world] : [BASEMAP_FILES.world, BASEMAP_FILES.regions];
    try {
      const collections = await Promise.all(
        files.map(async (file) => {
          const response = await fetch(`/basemap/${file}`);
          if (!response.ok) throw new Error(`basemap ${file}: ${response.status}`);
          return ((await response.json()) as { features: Feature[] }).features;
        }),
      );
      this.basemap = collections.flat();
      this.draw();
    } catch (error) {
      // The dots still say where the places are: the basemap is a backdrop.
      console.warn('embed: the preview basemap could not load', error);
    }
  }

  /** Redraws on the next frame (resizes and basemap loads come in bursts). */
  private draw(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.paint());
  }

  /** Draws now; resolves once the picture is on screen. */
  private drawNow(): Promise<void> {
    cancelAnimationFrame(this.frame);
    this.paint();
    return new Promise((resolve) => requestAnimationFrame(() => resolve()));
  }

  private paint(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width === 0 || height === 0) return;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.setAttribute(
      'aria-label',
      `${t('map.label')} — ${t('embed.entries', { count: this.entries.size })}`,
    );
    const context = this.canvas.getContext('2d');
    if (!context) return;
    const scale = 2 ** this.view.zoom;
    const [cx, cy] = project(...this.view.center);
    // Screen = (world × scale) − offset; world wraps are not drawn (an embed shows one region of the world).
    const offsetX = cx * scale - width / 2;
    const offsetY = cy * scale - height / 2;
    const toScreen = (lng: number, lat: number): [number, number] => {
      const [x, y] = project(lng, lat);
      return [x * scale - offsetX, y * scale - offsetY];
    };
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(this.backdropFor(width, height, ratio, toScreen), 0, 0);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    for (const entry of this.entries.values()) {
      const [x, y] = toScreen(entry.lng, entry.lat);
      if (x < -8 || y < -8 || x > width + 8 || y > height + 8) continue;
      context.beginPath();
      context.arc(x, y, 4, 0, 2 * Math.PI);
      context.fillStyle = entry.color ?? DEFAULT_ENTRY_COLOR;
      context.fill();
      context.lineWidth = 1.5;
      context.strokeStyle = '#ffffff';
      context.stroke();
    }
  }

  private backdropFor(
    width: number,
    height: number,
    ratio: number,
    toScreen: (lng: number, lat: number) => [number, number],
  ): HTMLCanvasElement {
    const key = `${width}x${height}@${ratio}:${this.basemap.length}`;
    if (this.backdrop?.key === key) return this.backdrop.canvas;
    const canvas = this.backdrop?.canvas ?? document.createElement('canvas');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (context) {
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.fillStyle = BASEMAP_COLORS.sea;
      context.fillRect(0, 0, width, height);
      this.paintBasemap(context, toScreen);
    }
    this.backdrop = { canvas, key };
    return canvas;
  }

  private paintBasemap(
    context: CanvasRenderingContext2D,
    toScreen: (lng: number, lat: number) => [number, number],
  ) {
    const trace = (ring: Ring) => {
      ring.forEach(([lng = 0, lat = 0], index) => {
        const [x, y] = toScreen(lng, lat);
        if (index === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      });
    };
    for (const feature of this.basemap) {
      const geometry = feature.geometry;
      if (!geometry) continue;
      const kind = feature.properties?.kind;
      context.beginPath();
      if (geometry.type === 'MultiPolygon' || geometry.type === 'Polygon') {
        const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
        for (const polygon of polygons) for (const ring of polygon) trace(ring);
        if (kind === 'land') {
          context.fillStyle = BASEMAP_COLORS.land;
          context.fill('evenodd');
          context.strokeStyle = BASEMAP_COLORS.coast;
          context.lineWidth = 0.8;
        } else {
          // A région: its outline only.
          context.strokeStyle = BASEMAP_COLORS.region;
          context.lineWidth = 0.7;
        }
        context.stroke();
      } else {
        const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
        for (const line of lines) trace(line);
        context.strokeStyle = BASEMAP_COLORS.countryBorder;
        context.lineWidth = 0.8;
        context.stroke();
      }
    }
  }
}
