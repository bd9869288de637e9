// Deployment settings for the page. A deployment may rewrite this file (for example with the API URL printed by
// `sam deploy`); a `?api=` query parameter overrides it for one visit. Empty means "same origin", as in the local stack.
window.SER_CONFIG = {
  apiBase: ""
};
