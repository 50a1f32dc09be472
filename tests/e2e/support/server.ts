import { preview, type PreviewServer } from 'vite'
import { existsSync } from 'node:fs'

export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

/** Serves the production build (E2E_DIST, default dist/) on a free port (the build must exist: `npm run build`). */
export async function serveBuild(): Promise<StaticServer> {
  const outDir = process.env.E2E_DIST ?? 'dist'
  if (!existsSync(`${outDir}/index.html`)) throw new Error(`${outDir}/ is missing: run \`npm run build\` first`)
  const server: PreviewServer = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('preview server has no port')
  return {
    url: `http://localhost:${address.port}`,
    close: () => new Promise((resolve) => server.httpServer.close(() => resolve())),
  }
}
