// Where a photo says it was taken: the GPS position in its EXIF data (a JPEG's APP1 segment or a PNG's eXIf chunk).
// Read, never written: the stored file is the uploaded file, byte for byte, so its hash is the one its uploader can
// compute, and the position stays in it as evidence of where the photo was taken. Every offset is bounds-checked; a
// malformed block simply has no position.

export interface Location {
  lat: number;
  lon: number;
}

/** The TIFF block of a JPEG's Exif APP1 segment, if any. */
function jpegTiff(b: Uint8Array): Uint8Array | null {
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    // Start of scan or end of image: no more metadata segments.
    if (marker === 0xda || marker === 0xd9) return null;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > b.length) return null;
    if (marker === 0xe1 && len >= 8 && String.fromCharCode(...b.subarray(i + 4, i + 8)) === 'Exif') return b.subarray(i + 10, i + 2 + len);
    i += 2 + len;
  }
  return null;
}

/** The TIFF block of a PNG's eXIf chunk, if any. */
function pngTiff(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 8; i + 12 <= b.length; ) {
    const len = view.getUint32(i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    if (i + 12 + len > b.length) return null;
    if (type === 'eXIf') return b.subarray(i + 8, i + 8 + len);
    if (type === 'IDAT' || type === 'IEND') return null;
    i += 12 + len;
  }
  return null;
}

/** The GPS position in a TIFF (EXIF) block, in decimal degrees; null when absent or unreadable. */
export function tiffLocation(t: Uint8Array): Location | null {
  if (t.length < 8) return null;
  const little = t[0] === 0x49 && t[1] === 0x49;
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return null;
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const u16 = (o: number) => (o + 2 <= t.length ? v.getUint16(o, little) : null);
  const u32 = (o: number) => (o + 4 <= t.length ? v.getUint32(o, little) : null);
  /** An IFD's entries: tag → the offset of the entry. */
  const entries = (ifd: number): Map<number, number> | null => {
    const n = u16(ifd);
    if (n === null || n > 1000 || ifd + 2 + n * 12 > t.length) return null;
    const out = new Map<number, number>();
    for (let k = 0; k < n; k++) out.set(u16(ifd + 2 + k * 12)!, ifd + 2 + k * 12);
    return out;
  };
  const ifd0 = entries(u32(4) ?? t.length);
  const gpsAt = ifd0?.get(0x8825);
  if (gpsAt === undefined) return null;
  const gps = entries(u32(gpsAt + 8) ?? t.length);
  if (!gps) return null;
  const ref = (tag: number) => {
    const e = gps.get(tag);
    return e === undefined ? null : String.fromCharCode(t[e + 8] ?? 0);
  };
  /** Three RATIONALs (degrees, minutes, seconds), stored at the entry's offset. */
  const dms = (tag: number) => {
    const e = gps.get(tag);
    if (e === undefined || u16(e + 2) !== 5 || u32(e + 4) !== 3) return null;
    const at = u32(e + 8)!;
    const parts: number[] = [];
    for (let k = 0; k < 3; k++) {
      const num = u32(at + k * 8);
      const den = u32(at + k * 8 + 4);
      if (num === null || den === null || den === 0) return null;
      parts.push(num / den);
    }
    return parts[0]! + parts[1]! / 60 + parts[2]! / 3600;
  };
  const lat = dms(2);
  const lon = dms(4);
  if (lat === null || lon === null || lat > 90 || lon > 180) return null;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { lat: round(ref(1) === 'S' ? -lat : lat), lon: round(ref(3) === 'W' ? -lon : lon) };
}

export function photoLocation(bytes: Uint8Array, type: 'image/jpeg' | 'image/png'): Location | null {
  const tiff = type === 'image/jpeg' ? jpegTiff(bytes) : pngTiff(bytes);
  return tiff ? tiffLocation(tiff) : null;
}
