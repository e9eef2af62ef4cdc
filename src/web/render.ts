// Server-side rendering with Nunjucks and the GOV.UK Frontend templates. Views are looked up in
// src/web/views (layout and shared partials), src/modules (a module's own views, e.g.
// "catalogue/views/list.njk") and govuk-frontend's dist folder ("govuk/components/…").
import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);
/** govuk-frontend's dist folder: templates under govuk/, CSS, JS and assets for the static routes. */
export const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const SRC = path.resolve(import.meta.dirname, '..');

export type Renderer = (template: string, context: Record<string, unknown>) => string;

export function createRenderer(options: { watch?: boolean } = {}): Renderer {
  const loader = new nunjucks.FileSystemLoader(
    [path.join(SRC, 'web', 'views'), path.join(SRC, 'modules'), GOVUK_DIST],
    { watch: options.watch ?? false, noCache: false },
  );
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('number', (n: unknown) =>
    typeof n === 'number' ? n.toLocaleString('en-GB', { maximumFractionDigits: 3 }) : (n ?? ''),
  );
  env.addFilter('date', (d: unknown) =>
    d instanceof Date
      ? d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' })
      : (d ?? ''),
  );
  env.addFilter('join', (xs: unknown, sep = ', ') => (Array.isArray(xs) ? xs.join(sep) : (xs ?? '')));
  return (template, context) => env.render(template, context);
}
