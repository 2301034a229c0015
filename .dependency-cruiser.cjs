// The layer rule, checked in `npm test` (lint layer): arrows only point down.
//
//   extension   activation entry and composition root: may use every layer
//   commands    one file per command      } siblings: neither imports the other; both act on
//   views       tree, panels, status bar  } the store and are wired together by extension/
//   store       state, polling: the only way into the client for the layers above
//   platform    what VS Code gives the host: log channel, settings, secret storage
//   specfile    the spec-file language (checks, completion, hover), shared with the server
//   shared      plain code both sides of the webview boundary use (no vscode, DOM or Node)
//   client      wire → domain model; imports nothing of Jobdeck's above it
//
// webview (the page) and server (the spec-file language server) are programs of their own:
// the page may use shared/ and the domain model's types, the server the layers below store.
// See docs/architecture.md.
const LAYERS = {
  extension: ['commands', 'views', 'store', 'platform', 'specfile', 'shared', 'client'],
  commands: ['store', 'platform', 'specfile', 'shared', 'client'],
  views: ['store', 'platform', 'shared', 'client'],
  store: ['shared', 'client'],
  platform: ['shared', 'client'],
  specfile: ['shared', 'client'],
  shared: ['client'],
  client: [],
  webview: ['shared', 'client'],
  server: ['specfile', 'shared', 'client'],
};

const folders = Object.keys(LAYERS);
const layerRules = folders.map((layer) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${LAYERS[layer].length ? LAYERS[layer].map((l) => `src/${l}`).join(', ') : 'itself'} (arrows point down)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(?!(?:${[layer, ...LAYERS[layer]].join('|')})/)` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'page-uses-model-types-only',
      comment:
        'the page (src/webview) and src/shared take only the domain model from src/client, never an adapter or HTTP',
      severity: 'error',
      from: { path: '^src/(webview|shared)/' },
      to: { path: '^src/client/', pathNot: '^src/client/model\\.ts$' },
    },
    {
      name: 'no-http-in-the-spec-server',
      comment:
        'the spec language server and the spec-file language ask the extension for live values: they never reach the HTTP client, an adapter or the registry (one network path, one proxy and TLS set-up)',
      severity: 'error',
      from: { path: '^src/(server|specfile)/' },
      to: {
        path: ['^src/client/(http|registry|semaphore)\\.ts$', '^src/client/dialects/', '^node_modules/axios/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-vscode-below-the-views',
      comment:
        'src/client, src/store, src/shared, src/specfile, src/webview and src/server run without VS Code (unit tests on plain Node, the page, the language server)',
      severity: 'error',
      from: { path: '^src/(client|store|shared|specfile|webview|server)/' },
      to: { path: '^node_modules/@types/vscode/' },
    },
    {
      name: 'no-circular',
      comment: 'files that import each other in a loop',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'tests-never-import-dist',
      severity: 'error',
      from: { path: '^test/' },
      to: { path: '^dist/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs'],
    },
  },
};
