import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoOf } from '../../engine/src/core/errors.ts';

/** Shown until the renderer is built (`dist/renderer`); says how to get the real one. */
const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Chorus Studio</title></head>
<body>
<h1>Chorus Studio</h1>
<p>The studio's user interface is not built yet. The API is running at <code>/api</code>.</p>
</body>
</html>
`;

/**
 * The renderer's index.html with the API token in a meta tag: the renderer reads it from
 * there (the CSP forbids inline scripts), and sends it on every request.
 */
export async function indexPage(rendererDir: string | undefined, token: string): Promise<string> {
  const html = rendererDir ? await readIndex(rendererDir) : undefined;
  const meta = `<meta name="chorus-token" content="${token}">`;
  const page = html ?? PLACEHOLDER;
  return /<head[^>]*>/i.test(page) ? page.replace(/<head[^>]*>/i, (head) => `${head}\n${meta}`) : `${meta}\n${page}`;
}

async function readIndex(rendererDir: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(rendererDir, 'index.html'), 'utf8');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return undefined;
    throw err;
  }
}
