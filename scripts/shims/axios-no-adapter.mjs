// Stands in for axios's browser adapters (xhr, fetch) in the Node bundles. axios tries its
// adapters in the order xhr, http, fetch and takes the first the platform supports: in the
// extension host and the language server that is always http, so `false` (axios's own word
// for "not supported here") keeps the choice the same and 15 KB of each bundle out.
export default false;
export const getFetch = () => false;
