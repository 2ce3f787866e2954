// `npm run receiver`: the reference receiver alone, configured from environment variables (server/README.md).
import { explainStartError, loadConfig, misspelt, type Config } from './config.js';
import { jsonLog } from './log.js';
import { startReceiver, type RunningReceiver } from './server.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  jsonLog('error', 'bad configuration', { error: (error as Error).message });
  process.exit(1);
}

// Before anything else is said: a misspelt name leaves its setting at the default.
for (const warning of misspelt()) jsonLog('warn', warning);

let receiver: RunningReceiver;
try {
  receiver = await startReceiver(config, jsonLog);
} catch (error) {
  jsonLog('error', 'cannot start', { error: explainStartError(error as NodeJS.ErrnoException, config) });
  process.exit(1);
}

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
