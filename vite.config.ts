import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip as gzipCallback } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/**
 * Writes a Brotli (quality 11) and a gzip (level 9) copy next to every script and stylesheet of the build,
 * which the server sends as they are (`serveStatic({ precompressed: true })`): smaller than compressing on the
 * fly (Brotli takes ~15% off gzip), and no compression work per request. Test builds do it too, so the
 * browser tests run on the files production serves.
 */
function precompress(): Plugin {
  return {
    name: 'health-quiz:precompress',
    apply: 'build',
    enforce: 'post',
    // After the files are written, from what was written: earlier hooks still see chunks whose preload
    // lists Vite has yet to fill in (compressing those served broken scripts).
    async writeBundle(options) {
      const dir = options.dir!;
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|svg)$/.test(f));
      // zlib's async calls run on libuv's thread pool: the files compress side by side.
      await Promise.all(
        files.map(async (file) => {
          const data = await readFile(path.join(dir, file));
          if (data.length < 1024) return;
          const [br, gz] = await Promise.all([brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }), gzip(data, { level: 9 })]);
          await Promise.all([writeFile(path.join(dir, `${file}.br`), br), writeFile(path.join(dir, `${file}.gz`), gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [solid(), precompress()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2020', reportCompressedSize: true, manifest: true },
  server: {
    port: 5173,
    proxy: { '/api': api, '/socket.io': { target: api, ws: true } },
  },
});
