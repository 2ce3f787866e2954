// Dev-server plugins the browser tests talk to over real HTTP (e.g. a test endpoint for the form).
export const testPlugins = [];
