// For <specialist-directory>: `/__flaky-specialists?k=<key>` answers broken JSON to the first
// request for a key and the real list after it, so a test can press "Retry" against a real server.
import { readFileSync } from 'node:fs';

// No file extension: the test runner tells browsers to cache those for a year.
const PATH = '/__flaky-specialists';

export function flakySpecialistsPlugin() {
  const seen = new Set();
  return {
    name: 'flaky-specialists',
    serve(context) {
      if (context.path !== PATH) return undefined;
      const key = context.query.k ?? '';
      const first = !seen.has(key);
      seen.add(key);
      return {
        body: first ? '{"version": 1, "specialists": [' : readFileSync('test/fixtures/specialists/valid.json', 'utf8'),
        type: 'json',
      };
    },
  };
}
