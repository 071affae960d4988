// The API from the page: the session's token on every request, errors as ApiError with the server's Chinese
// message and located details, downloads saved under the server's file name.
import type { Problem } from './engine/light.js';
import { session, signOut } from './session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Problem[] = [],
  ) {
    super(message);
  }
  /** Out of scope and nonexistent look the same, on the page as in the API. */
  get notFound(): boolean {
    return this.status === 404;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

const withQuery = (path: string, query?: Query) => {
  const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return q.length ? `${path}?${new URLSearchParams(q.map(([k, v]) => [k, String(v)]))}` : path;
};

async function send(method: string, path: string, opts: { query?: Query; body?: unknown; form?: FormData; token?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = opts.token ?? session.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body: opts.form ?? (opts.body !== undefined ? JSON.stringify(opts.body) : null) });
  } catch {
    throw new ApiError(0, 'OFFLINE', '无法连接服务器，请检查网络后重试');
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string; details?: Problem[] } | null;
  const err = new ApiError(res.status, body?.code ?? 'HTTP', body?.message ?? `请求失败（${res.status}）`, body?.details ?? []);
  // A token revoked while signed in: back to the sign-in page with the server's reason.
  if (res.status === 401 && !opts.token) signOut(err.message);
  throw err;
}

export const api = {
  get: async <T>(path: string, query?: Query): Promise<T> => (await send('GET', path, { query })).json() as Promise<T>,
  post: async <T>(path: string, body?: unknown, query?: Query): Promise<T> => (await send('POST', path, { body: body ?? {}, query })).json() as Promise<T>,
  put: async <T>(path: string, body: unknown): Promise<T> => (await send('PUT', path, { body })).json() as Promise<T>,
  del: async <T>(path: string): Promise<T> => (await send('DELETE', path)).json() as Promise<T>,
  upload: async <T>(path: string, file: File, query?: Query): Promise<T> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await send('POST', path, { form, query })).json() as Promise<T>;
  },
  /** With a token not yet stored: signing in. */
  withToken: async <T>(path: string, token: string): Promise<T> => (await send('GET', path, { token })).json() as Promise<T>,
};

/** Fetches a file and saves it under the name the server gives (RFC 5987 filename*). */
export async function download(path: string, query?: Query): Promise<string> {
  const res = await send('GET', path, { query });
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : 'download.xlsx';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
