// The HTTP contract with the prediction API: POST /predict, POST /uploads, GET /results/{key},
// PUT /results/{key}/label, GET /health.
// Every failure becomes an ApiError with a stable code, as the API's own errors are {"error": code, "message": ...}.
// Where the API needs a key, the one the visitor gave is sent as x-api-key with every API call, never to the bucket;
// where it needs a signed-in user (signin.js), the user's ID token as Authorization: Bearer.
import { apiKey } from "./apikey.js";
import { idToken, signInReady } from "./signin.js";

export class ApiError extends Error {
  constructor(code, message, status = 0, body = null, retryAfterSeconds = null) {
    super(message);
    this.code = code;
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;   // from Retry-After (429, 503), when the API sends it
  }
}

export function createApi(base) {
  const where = base || window.location.origin;

  async function request(path, options = {}) {
    let response;
    try {
      const key = apiKey.get();
      await signInReady;
      const token = idToken();
      const headers = { Accept: "application/json", ...(key ? { "x-api-key": key } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.headers || {}) };
      response = await fetch(base + path, { ...options, headers });
    } catch (error) {
      if (error.name === "AbortError") throw error;   // the page gave up on it; not the API's fault
      throw new ApiError("unreachable", `The emotion API at ${where} cannot be reached. Is the server running?`);
    }
    const body = await readJson(response);
    if (!response.ok) {
      const code = (body && body.error) || `http_${response.status}`;
      const message = (body && body.message) || `The API answered ${response.status} ${response.statusText}.`;
      throw new ApiError(code, message, response.status, body, retryAfter(response));
    }
    return body;
  }

  return {
    base: where,

    health: () => request("/health"),

    /** Synchronous analysis of one clip. */
    predict: (clip, { signal } = {}) => request("/predict", {
      method: "POST",
      signal,
      headers: { "Content-Type": clip.wav.type || "application/octet-stream" },
      body: clip.wav,
    }),

    /** A presigned PUT for a new object under uploads/: for exactly this clip's size and type, once. */
    createUpload: (clip) => request("/uploads", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ size: clip.wav.size, contentType: clip.wav.type || "application/octet-stream", fileName: clip.name }),
    }),

    /** Sends the clip straight to the bucket, not through the API; the browser sets the signed Content-Length. */
    async putToBucket(upload, clip) {
      let response;
      try {
        response = await fetch(upload.url, { method: upload.method || "PUT", headers: upload.headers || {}, body: clip.wav });
      } catch {
        throw new ApiError("upload_unreachable", "The storage bucket refused or could not be reached for the upload (network or CORS).");
      }
      if (!response.ok) {
        throw new ApiError("upload_failed", `The bucket answered ${response.status} to the upload.`, response.status);
      }
    },

    /** A person's correction: what the clip in the bucket really was (PUT /results/{key}/label). */
    label: (key, emotion) => request(`/results/${pathOf(key)}/label`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ emotion }),
    }),

    /** Tags and result of an object, or null while the tagging function has not finished. */
    async result(key) {
      try {
        return await request(`/results/${pathOf(key)}`);
      } catch (error) {
        if (error.status === 404 && (error.code === "not_ready" || error.code === "not_found")) return null;
        throw error;
      }
    },
  };
}

/** An object key as a URL path: each segment encoded, the slashes kept. */
function pathOf(key) {
  return key.split("/").map(encodeURIComponent).join("/");
}

/** Retry-After in seconds (a number of seconds or an HTTP date), or null. */
function retryAfter(response) {
  const value = response.headers.get("Retry-After");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The object's tags of a GET /results answer: ResultController sends them as one object, key to value. */
export function tagsOf(result) {
  return result.tags;
}

/** True once the tagging function has written its verdict (an emotion or a failure). */
export function isTagged(result) {
  const tags = tagsOf(result);
  return Boolean(tags.emotion || tags["emotion-status"]);
}

/** Polls GET /results/{key} until tagged; `onWait(elapsedMs)` reports progress. */
export async function waitForTags(api, key, { intervalMs, timeoutMs, onWait = () => {} }) {
  const started = performance.now();
  for (;;) {
    const result = await api.result(key);
    if (result && isTagged(result)) return result;
    const elapsed = performance.now() - started;
    if (elapsed > timeoutMs) {
      throw new ApiError("tagging_timeout", `The clip was uploaded, but no tags appeared within ${Math.round(timeoutMs / 1000)} s. Is the tagging function running?`);
    }
    onWait(elapsed);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
