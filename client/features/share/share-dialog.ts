import { h } from '../../lib/dom';
import { getLang, t } from '../../lib/i18n';
import type { AppState } from '../url-state/app-state';
import { embedParamsFromApp, embedUrl, iframeCode, type ShareOptions, scriptCode } from './embed-code';
import './share.css';

/**
 * The share dialog: a link, an iframe and a script tag built from the app's current filters and view, with
 * switches (list, legend, live, height) and a live preview of the embed itself.
 */
export function openShareDialog(state: AppState, opener: HTMLElement): void {
  const origin = window.location.origin;
  const options: ShareOptions = {
    ...embedParamsFromApp(state, getLang()),
    list: false,
    legend: true,
    live: false,
    height: 480,
  };

  const field = (id: string, label: string) => {
    const output = h('textarea', { id, readonly: '', rows: '3', spellcheck: 'false' });
    const copy = h('button', { type: 'button', 'aria-describedby': id }, t('share.copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(output.value);
        status.textContent = t('share.copied');
      } catch {
        output.select();
        status.textContent = t('share.copyFailed');
      }
    });
    return {
      output,
      block: h('div', { class: 'share-field' }, h('label', { for: id }, label), output, copy),
    };
  };
  const link = field('share-url', t('share.link'));
  const iframe = field('share-iframe', t('share.iframe'));
  const script = field('share-script', t('share.script'));
  const status = h('p', { class: 'share-status', role: 'status' });

  const toggle = (name: 'list' | 'legend' | 'live', label: string) => {
    const input = h('input', { type: 'checkbox', id: `share-${name}` });
    input.checked = options[name] === true;
    input.addEventListener('change', () => {
      options[name] = input.checked;
      update();
    });
    return h('div', { class: 'share-toggle' }, input, h('label', { for: `share-${name}` }, label));
  };
  const height = h('input', {
    type: 'number',
    id: 'share-height',
    min: '200',
    max: '2000',
    step: '10',
    value: '480',
  });
  height.addEventListener('change', () => {
    const value = Number(height.value);
    if (Number.isFinite(value) && value >= 200 && value <= 2000) options.height = value;
    update();
  });

  const preview = h('iframe', { class: 'share-preview', title: t('share.preview'), loading: 'lazy' });
  const close = h('button', { type: 'button', class: 'share-close' }, t('share.close'));
  const dialog = h(
    'dialog',
    { class: 'share-dialog', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, t('share.title')),
    h('p', {}, t('share.intro')),
    h(
      'div',
      { class: 'share-options' },
      toggle('list', t('share.list')),
      toggle('legend', t('share.legend')),
      toggle('live', t('share.live')),
      h('div', { class: 'share-toggle' }, h('label', { for: 'share-height' }, t('share.height')), height),
    ),
    link.block,
    iframe.block,
    script.block,
    status,
    h('h3', {}, t('share.preview')),
    preview,
    close,
  );

  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  function update() {
    link.output.value = embedUrl(origin, options);
    iframe.output.value = iframeCode(origin, options, t('embed.frameTitle'));
    script.output.value = scriptCode(origin, options);
    preview.style.height = `${Math.min(options.height, 420)}px`;
    // The preview reloads a moment after the last change, not on each keystroke.
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      preview.src = link.output.value;
    }, 300);
  }
  update();
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    clearTimeout(previewTimer);
    dialog.remove();
    opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
}
