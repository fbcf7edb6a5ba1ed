/** Safe embedding of data and code into one HTML file: nothing embedded can close its element or run. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes so no `</script>`
 * or `<!--` can appear, and U+2028/2029 are escaped for old parsers. JSON.parse reads it back unchanged.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Code for an inline `<script>`: a `</script` inside a string literal would end the element early. */
export function embedScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** CSS for an inline `<style>`: only `</style` can end it. */
export function embedStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

const require = createRequire(import.meta.url);
let uplot: { js: string; css: string } | undefined;

/** uPlot's browser build and stylesheet, read from node_modules (works from `src/` and `dist/`). */
export function uplotAssets(): { js: string; css: string } {
  uplot ??= {
    js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
  return uplot;
}
