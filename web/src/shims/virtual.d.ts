declare module 'virtual:precompiled-schemas' {
  /** The validators by schema id, calling the given format and keyword functions. */
  export default function create(runtime: { formats: object; keywords: object }): Record<string, unknown>;
}
