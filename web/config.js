// Deployment settings for the page. A deployment may rewrite this file (for example with the API URL printed by
// `sam deploy`). Empty apiBase means "same origin", as in the local stack and behind the template's CloudFront.
// allowApiOverride lets a `?api=https://…` link (or the footer form) point the page at another API for one visit:
// off by default, since a crafted link could otherwise send a visitor's recording to any server. (The deployed
// page's Content-Security-Policy only lets it talk to its own origin and the clip bucket anyway.)
window.SER_CONFIG = {
  apiBase: "",
  allowApiOverride: false
};
