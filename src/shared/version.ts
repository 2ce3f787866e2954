/** The package version, sent with each request and compared when a second copy loads; a test keeps it equal to package.json. */
export const VERSION = '0.1.0';
