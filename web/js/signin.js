// Sign-in for a stack deployed with AuthMode=cognito (docs/deployment.md). When config.js names the user pool's hosted
// sign-in (window.SER_CONFIG.signIn = {domain, clientId}), a "Sign in" link in the header takes the visitor there,
// with the authorization code flow and PKCE (a page can keep no client secret, so the code is only worth something
// with the verifier this tab made), and the code that comes back is exchanged for tokens. The ID token is kept for this
// tab only (sessionStorage, gone when it closes) and sent only to the API, as Authorization: Bearer. Without signIn
// in config.js this module does nothing.
const settings = (window.SER_CONFIG || {}).signIn || null;
const TOKEN = "ser.idToken";
const VERIFIER = "ser.signIn.verifier";
const STATE = "ser.signIn.state";
// a token this close to its expiry is not sent: API Gateway would refuse it on the way
const EXPIRY_MARGIN_SECONDS = 30;

const enabled = Boolean(settings && settings.domain && settings.clientId);
const redirectUri = `${window.location.origin}/`;

/** The signed-in user's ID token while it is valid, or "". */
export function idToken() {
  const token = sessionStorage.getItem(TOKEN) || "";
  const claims = claimsOf(token);
  if (!claims || !(claims.exp > Date.now() / 1000 + EXPIRY_MARGIN_SECONDS)) return "";
  return token;
}

/** Settles once a sign-in code in the address (back from the hosted sign-in) has been exchanged, or at once. */
export const signInReady = enabled ? completeSignIn().finally(showSignInState) : Promise.resolve();

async function startSignIn() {
  const verifier = randomText(48);
  const state = randomText(24);
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    response_type: "code", client_id: settings.clientId, redirect_uri: redirectUri, scope: "openid email",
    state, code_challenge: challenge, code_challenge_method: "S256",
  });
  window.location.assign(`${settings.domain}/oauth2/authorize?${query}`);
}

async function completeSignIn() {
  const params = new URLSearchParams(window.location.search);
  const code = params.get("code");
  if (!code && !params.get("error")) return;
  const expectedState = sessionStorage.getItem(STATE);
  const verifier = sessionStorage.getItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  // the code is single-use and must not stay in the address bar or the history
  window.history.replaceState(null, "", window.location.pathname);
  // a code this tab did not ask for (a crafted link) is ignored
  if (!code || !verifier || params.get("state") !== expectedState) return;
  try {
    const response = await fetch(`${settings.domain}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code", client_id: settings.clientId, code, redirect_uri: redirectUri, code_verifier: verifier,
      }),
    });
    const tokens = response.ok ? await response.json() : null;
    if (tokens && tokens.id_token) sessionStorage.setItem(TOKEN, tokens.id_token);
  } catch {
    // the sign-in link stays, and the API's 401 says what is missing
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN);
  const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: redirectUri });
  window.location.assign(`${settings.domain}/logout?${query}`);
}

function showSignInState() {
  const claims = claimsOf(idToken());
  const link = document.createElement("a");
  link.id = "sign-in";
  link.className = "button";
  link.href = "#";
  link.textContent = claims ? `Sign out ${claims.email || ""}`.trim() : "Sign in";
  link.addEventListener("click", (event) => {
    event.preventDefault();
    if (claims) signOut(); else startSignIn();
  });
  const status = document.getElementById("api-status");
  if (status) status.after(link);
}

/** The claims of a JWT, unverified (the API verifies it): enough to know when it expires and whose it is. */
function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function randomText(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
