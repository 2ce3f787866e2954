/** Larger files are refused before any work: a screenshot is far smaller, and phones run out of memory. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
/** The long side of an uploaded image; enough to read any journal page. */
export const MAX_SIDE = 2560;

/** Why a file cannot be attached; picks the message. */
export type Refusal = 'tooBig' | 'notImage' | 'undecodable';

/**
 * Image formats by their first bytes. HEIC and AVIF are accepted where the browser decodes them
 * (Safari: HEIC, others: AVIF).
 */
const SIGNATURES = {
  png: /^\x89PNG\r\n\x1a\n/,
  jpeg: /^\xff\xd8\xff/,
  webp: /^RIFF.{4}WEBP/s,
  gif: /^GIF8[79]a/,
  bmp: /^BM/,
  heif: /^.{4}ftyp(avi[fs]|hei[cmsx]|hev[cx]|mif1|msf1)/s,
};

/**
 * The image format told by the file's first bytes, whatever its name or type says; undefined for
 * anything else (SVG can carry scripts, and a text file named `.png` is still text).
 */
export function sniff(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 12));
  return Object.entries(SIGNATURES).find(([, signature]) => signature.test(head))?.[0];
}

/** Splits the main-thread work (draw, then the canvas snapshot for encoding) into shorter tasks. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

const canvas = (width: number, height: number) => Object.assign(document.createElement('canvas'), { width, height });

/** Encoding happens off the main thread; a browser that cannot encode `type` gives PNG instead. */
const toBlob = (c: HTMLCanvasElement, type: string) =>
  new Promise<Blob>((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error(type))), type, 0.85));

/**
 * Draws a decoded image at most MAX_SIDE px long and encodes it anew: the output carries pixels
 * only, so EXIF, GPS and any other metadata of the original are gone. WebP where the browser
 * encodes it (a 1 px probe tells), otherwise JPEG. Closes `source`.
 */
export async function encodeImage(source: ImageBitmap): Promise<Blob> {
  const type = (await toBlob(canvas(1, 1), 'image/webp')).type === 'image/webp' ? 'image/webp' : 'image/jpeg';
  const scale = Math.min(1, MAX_SIDE / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  await nextTask();
  const c = canvas(width, height);
  const ctx = c.getContext('2d')!;
  if (type === 'image/jpeg') {
    // JPEG has no transparency; white looks like the page the screenshot came from.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  source.close();
  await nextTask();
  return toBlob(c, type);
}

/**
 * A visitor's file re-encoded (see encodeImage), or why it cannot be attached: checked by size and
 * signature before any work, and `undecodable` when the browser cannot decode it.
 */
export async function processImage(file: Blob): Promise<Blob | Refusal> {
  if (file.size > MAX_INPUT_BYTES) return 'tooBig';
  if (!sniff(new Uint8Array(await file.slice(0, 12).arrayBuffer()))) return 'notImage';
  // Decoding a Blob happens off the main thread in Chromium and Firefox.
  const bitmap = await createImageBitmap(file).catch(() => undefined);
  return bitmap ? encodeImage(bitmap) : 'undecodable';
}
