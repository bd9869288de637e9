// Where the API lives and how long a clip may be: the page's own values here, the API's limits from GET /health.

/**
 * What GET /health's `limits` says with the server's default configuration (SerConfiguration and
 * RecognizerSettings): used only until /health answers (or when it cannot, with the API down or a key still missing),
 * so the page shows the same figures before and after. WebRecorderBrowserTest checks them against the real /health.
 */
export const SERVER_DEFAULT_LIMITS = Object.freeze({
  maxPredictBytes: 4500000,
  maxUploadBytes: 209715200,
  maxDurationSeconds: 600,
  minDurationSeconds: 0.25,
});

/** The page's own choices. */
const PAGE = Object.freeze({
  targetSampleRate: 16000,
  pollIntervalMs: 750,
  pollTimeoutMs: 90000,
});

const WAV_BYTES_PER_SECOND = 16000 * 2;
const WAV_HEADER_BYTES = 44;

/** Whether `?api=` may point the page at another API: only where the deployer allows it in config.js. */
export function apiOverrideAllowed(config = window.SER_CONFIG || {}) {
  return config.allowApiOverride === true;
}

/** API base URL: `?api=` (where allowed) beats config.js beats same origin. Never ends with a slash. */
export function resolveApiBase(location = window.location, config = window.SER_CONFIG || {}) {
  const fromQuery = apiOverrideAllowed(config) ? new URLSearchParams(location.search).get("api") : null;
  const base = (fromQuery ?? config.apiBase ?? "").trim();
  return base.replace(/\/+$/, "");
}

/**
 * The page's limits from GET /health's `limits` ({maxPredictBytes, maxUploadBytes, maxDurationSeconds,
 * minDurationSeconds}). A recording may be neither longer than the API's maximum duration nor bigger, as WAV, than
 * the largest body POST /predict accepts.
 */
export function limitsFromHealth(health) {
  const { maxPredictBytes, maxDurationSeconds, minDurationSeconds } = health.limits;
  const predictSeconds = Math.floor((maxPredictBytes - WAV_HEADER_BYTES) / WAV_BYTES_PER_SECOND);
  return Object.freeze({
    ...PAGE,
    maxPredictBytes,
    maxClipSeconds: maxDurationSeconds,
    minSeconds: minDurationSeconds,
    maxRecordSeconds: Math.max(1, Math.min(maxDurationSeconds, predictSeconds)),
  });
}

/** Until /health answers: what it answers by default. */
export const DEFAULT_LIMITS = limitsFromHealth({ limits: SERVER_DEFAULT_LIMITS });
