// vscode-jsonrpc (v9, the process tests' LSP client) publishes its entry points only through
// package.json "exports", which `moduleResolution: "node"` (tsconfig) does not read. These
// declarations point the type checker at the same files Node loads at run time.
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
