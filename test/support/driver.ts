import { executeServerCommand } from '@web/test-runner-commands';

// The same in every browser the tests run in, WebKit's WebDriver included (see test/support/driver.mjs).

/** Sizes the page's viewport. */
export const setViewport = (size: { width: number; height: number }): Promise<unknown> => executeServerCommand('viewport', size);

/** Types text, presses a key, or holds one down or lets it go, as @web/test-runner-commands' `sendKeys` does. */
export const sendKeys = (payload: { type: string } | { press: string } | { down: string } | { up: string }): Promise<unknown> =>
  executeServerCommand('keys', payload);

/** Emulates a CSS media type (`print`, `screen`); resolves false where the browser cannot. */
export const emulateMedia = (media: 'print' | 'screen'): Promise<boolean> => executeServerCommand('media', { media }).then(Boolean);
