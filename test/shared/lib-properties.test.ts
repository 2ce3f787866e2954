// The npm modules (lib/, npm test builds first), as a site's bundler gets them: the same suite as
// the CDN bundle's, since both compile the decorators the same way.
import { builtPropertiesSuite } from './built-properties.js';

await import('/lib/index.js' as string);

builtPropertiesSuite('lib/');
