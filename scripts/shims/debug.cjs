// Stands in for the `debug` package in the bundles. follow-redirects (axios's redirects in
// Node) asks for it to log its own steps when DEBUG=follow-redirects is set, and copes
// without it; the real package brings supports-color and ms along, 9 KB of each bundle.
module.exports = () => () => undefined;
