/** Stored with every assessment so old results stay explainable; kept equal to package.json by a test. */
export const ENGINE_VERSION = '0.1.0';
