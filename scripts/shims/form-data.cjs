// Stands in for the `form-data` package in the bundles. axios's Node build imports it only to
// send FormData bodies, which Jobdeck never does (JSON or URLSearchParams only); the real
// package pulls in mime-db, 134 KB of the minified bundle, twice (extension and server).
module.exports = class FormData {
  constructor() {
    throw new Error('multipart FormData bodies are not used by Jobdeck');
  }
};
