// `npm run receiver`: the reference receiver alone, configured from environment variables (server/README.md).
import { loadConfig, type Config } from './config.js';
import { jsonLog } from './log.js';
import { startReceiver } from './server.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  jsonLog('error', 'bad configuration', { error: (error as Error).message });
  process.exit(1);
}

const receiver = await startReceiver(config, jsonLog);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    jsonLog('info', 'shutting down: finishing in-flight requests', { signal });
    receiver.close().then(
      () => {
        jsonLog('info', 'stopped');
        process.exit(0);
      },
      (error: Error) => {
        jsonLog('error', 'shutdown failed', { error: error.message });
        process.exit(1);
      },
    );
  });
}
