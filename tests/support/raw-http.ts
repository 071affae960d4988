// Raw HTTP/1.1 over one socket, so a second request can follow the first on the same connection (as a keep-alive
// client or a proxy does), and a body can arrive in pieces with pauses in between.
import { connect } from 'node:net';

export function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  const ended = new Promise<void>((res) => socket.on('close', () => res()));
  return {
    socket,
    /** Resolves when the server closes the connection, or after `ms`. */
    closed: (ms = 10_000) => Promise.race([ended, new Promise<void>((res) => setTimeout(res, ms))]),
    received: () => received,
    /** The status codes of the responses received so far, in order. */
    statuses: () => received.split(/(?=HTTP\/1\.1 \d{3} )/).filter((r) => r.startsWith('HTTP/1.1')).map((r) => Number(r.slice(9, 12))),
  };
}

export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  return `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

export const pause = (ms: number) => new Promise((res) => setTimeout(res, ms));
