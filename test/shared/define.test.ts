import { expect } from '@open-wc/testing';
import { format } from '../../src/i18n/format.js';
import { ru } from '../../src/i18n/ru.js';
import { VERSION } from '../../src/shared/version.js';

// Loads the built bundles (npm test builds first) the way webmasters do: the module file, the
// classic file next to it, and each a second time.
function loadClassic(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}; run npm run build`));
    document.head.append(script);
  });
}

describe('loading the bundle more than once', () => {
  it('throws nothing, defines all three elements, and warns once, in the page\'s language', async () => {
    expect(document.documentElement.lang, 'a page without lang is read as Russian').to.equal('');
    const warnings: string[] = [];
    const errors: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      await import('/dist/journal-help-widgets.js' as string);
      await loadClassic('/dist/journal-help-widgets.iife.js');
      await loadClassic('/dist/journal-help-widgets.iife.js?again');
      await import('/dist/journal-help-widgets.js?again' as string);
    } finally {
      console.warn = warn;
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    for (const name of ['help-request-form', 'specialist-directory', 'regulation-viewer']) {
      expect(customElements.get(name), name).to.be.a('function');
    }
    const duplicates = warnings.filter((w) => w.includes('journal-help-widgets'));
    expect(duplicates).to.deep.equal([format(ru['common.loadedTwice'], 'ru', { versions: VERSION })]);
  });
});

describe('package version', () => {
  it('is the one in package.json', async () => {
    const { VERSION } = await import('../../src/shared/version.js');
    const pkg = await (await fetch('/package.json')).json();
    expect(VERSION).to.equal(pkg.version);
  });
});
