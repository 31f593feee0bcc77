/** The Python templates are bundled as text: esbuild's `text` loader, and a plugin in vitest.config.mts. */
declare module '*.py' {
  const text: string;
  export default text;
}
