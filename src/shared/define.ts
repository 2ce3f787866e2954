import { format, toLang } from '../i18n/format.js';
import { tables } from '../i18n/tables.js';
import { VERSION } from './version.js';

const REGISTRY = Symbol.for('journal-help-widgets');

interface Registry {
  version: string;
  warned?: boolean;
}

/**
 * Defines an element unless the page already has one by that name: site builders paste the
 * script twice, or load both the module and the classic file. The first copy wins; the page is
 * told once in the console, across every copy (hence the global registry, not a module variable).
 */
export function defineElement(name: string, ctor: CustomElementConstructor): void {
  const global = globalThis as { [REGISTRY]?: Registry };
  const registry = (global[REGISTRY] ??= { version: VERSION });
  if (!customElements.get(name)) {
    customElements.define(name, ctor);
    return;
  }
  if (customElements.get(name) === ctor || registry.warned) return;
  registry.warned = true;
  // In the page's language: no element is there yet to have one of its own.
  const lang = toLang(document.documentElement.lang);
  const versions = registry.version === VERSION ? VERSION : `${registry.version}, ${VERSION}`;
  console.warn(format(tables[lang]['common.loadedTwice'], lang, { versions }));
}
