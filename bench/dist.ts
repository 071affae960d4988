// Benchmarks measure ours as shipped: the built JavaScript in dist/ (which their npm scripts build first). Through
// tsx every closure made at run time would also pay esbuild's keepNames helper, which the product never runs with.
// Typed by the sources each module is built from.
export const fromDist = async <T>(path: string): Promise<T> => (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;
