// Evidence files made here, byte by byte: real JPEGs and PNGs (encoded with the same pure-JS codecs the service
// decodes with), a JPEG carrying an EXIF GPS position, and a small PDF.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A w×h JPEG of one colour, plus `seed` in a corner pixel so different seeds give different bytes. */
export function jpegBytes(w = 16, h = 16, seed = 0): Buffer {
  const data = Buffer.alloc(w * h * 4, 0xc0);
  data[0] = seed & 0xff;
  return jpeg.encode({ width: w, height: h, data }, 90).data;
}

export function pngBytes(w = 8, h = 8, seed = 0): Buffer {
  const png = new PNG({ width: w, height: h });
  png.data.fill(0x80);
  png.data[0] = seed & 0xff;
  return PNG.sync.write(png);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/**
 * A JPEG with an Exif APP1 segment holding a GPS position (big-endian TIFF): 30°15'36"N 120°9'0"E by default,
 * i.e. 30.26, 120.15.
 */
export function jpegWithGps(lat: [number, number, number] = [30, 15, 36], lon: [number, number, number] = [120, 9, 0]): Buffer {
  const tiff = Buffer.alloc(128);
  let o = 0;
  const w16 = (v: number) => (tiff.writeUInt16BE(v, o), (o += 2));
  const w32 = (v: number) => (tiff.writeUInt32BE(v, o), (o += 4));
  tiff.write('MM', 0, 'latin1');
  o = 2;
  w16(42);
  w32(8); // IFD0 at 8
  // IFD0: one entry, GPSInfo (0x8825) LONG → 26
  w16(1);
  w16(0x8825), w16(4), w32(1), w32(26);
  w32(0); // no next IFD
  // GPS IFD at 26: LatRef, Lat, LonRef, Lon
  o = 26;
  w16(4);
  const rationals = 26 + 2 + 4 * 12 + 4; // 80
  w16(1), w16(2), w32(2), tiff.write('N\0', o, 'latin1'), (o += 4);
  w16(2), w16(5), w32(3), w32(rationals);
  w16(3), w16(2), w32(2), tiff.write('E\0', o, 'latin1'), (o += 4);
  w16(4), w16(5), w32(3), w32(rationals + 24);
  w32(0);
  o = rationals;
  for (const v of [...lat, ...lon]) w32(v), w32(1);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff.subarray(0, o)]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const plain = jpegBytes(16, 16, 7);
  return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}

/** A multipart body with one file of a given name and declared type. */
export function filePart(bytes: Uint8Array, name: string, type: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----evidence' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
