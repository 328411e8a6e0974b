import { afterEach, describe, expect, it } from 'vitest';
import { detectLang, formatNumber, isMessageKey, setLang, t } from './i18n';
import { en } from './i18n/en';
import { fr } from './i18n/fr';
import type { Message } from './i18n/message';

afterEach(() => setLang('fr'));

describe('detectLang', () => {
  it('takes ?lang= first', () => {
    expect(detectLang('?lang=en', ['fr-FR'])).toBe('en');
  });

  it('ignores an unknown ?lang= and falls back to the browser languages', () => {
    expect(detectLang('?lang=xx', ['de-DE', 'en-GB'])).toBe('en');
  });

  it('defaults to French', () => {
    expect(detectLang('', ['de-DE'])).toBe('fr');
  });
});

describe('t', () => {
  it('picks the plural form in French, where 0 and 1 are singular', () => {
    expect(t('status.loaded', { count: 1 })).toBe('1 entrée chargée.');
    expect(t('status.loaded', { count: 2 })).toBe('2 entrées chargées.');
  });

  it('uses the zero form for an explicit 0', () => {
    expect(t('list.countAll', { count: 0 })).toBe('Aucune entrée ne correspond.');
    setLang('en');
    expect(t('list.countAll', { count: 0 })).toBe('No entry matches.');
  });

  it('formats numbers for the language', () => {
    expect(t('status.loaded', { count: 1512 })).toBe(`${formatNumber(1512)} entrées chargées.`);
    expect(formatNumber(1512)).toMatch(/^1\s1512$|^1\u202f512$/u);
    setLang('en');
    expect(t('status.loaded', { count: 1512 })).toBe('1,512 entries loaded.');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(t('error.api')).toBe('Les lieux ne peuvent pas être chargés : {detail}');
  });
});

describe('catalogues', () => {
  it('has the same keys in English as in French', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('has no empty message', () => {
    const catalogues: Record<string, Message>[] = [fr, en];
    for (const catalogue of catalogues) {
      for (const message of Object.values(catalogue)) {
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text?.trim()).not.toBe('');
      }
    }
  });

  it('recognises its keys', () => {
    expect(isMessageKey('app.title')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
