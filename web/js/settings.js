// Where the API lives and how long a clip may be: the one place the page's tunable values are decided.

/** Used until GET /health tells the real limits. 16 kHz mono 16-bit WAV costs 32 000 bytes a second. */
export const DEFAULT_LIMITS = Object.freeze({
  maxRecordSeconds: 120,        // a recording must fit POST /predict, so both buttons always work for it
  maxClipSeconds: 600,          // a chosen file may be longer: it then goes to the bucket only
  maxPredictBytes: 4500000,
  minSeconds: 0.25,
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
 * Limits from the health document, falling back to the defaults for anything it does not say. A recording may be neither
 * longer than the API's maximum duration nor bigger, as WAV, than the largest body POST /predict accepts.
 */
export function limitsFromHealth(health) {
  const limits = { ...DEFAULT_LIMITS };
  const source = { ...(health || {}), ...((health && health.limits) || {}) };
  const maxSeconds = firstNumber(source, ["maxDurationSeconds"]);
  const maxPredictBytes = firstNumber(source, ["maxPredictBytes"]);
  if (maxSeconds) limits.maxClipSeconds = maxSeconds;
  if (maxPredictBytes) limits.maxPredictBytes = maxPredictBytes;
  if (maxSeconds || maxPredictBytes) {
    const predictSeconds = Math.floor((limits.maxPredictBytes - WAV_HEADER_BYTES) / WAV_BYTES_PER_SECOND);
    limits.maxRecordSeconds = Math.max(1, Math.min(limits.maxClipSeconds, predictSeconds));
  }
  const minSeconds = firstNumber(source, ["minDurationSeconds", "minSeconds"]);
  if (minSeconds) limits.minSeconds = minSeconds;
  return Object.freeze(limits);
}

function firstNumber(object, names) {
  for (const name of names) {
    const value = Number(object[name]);
    if (Number.isFinite(value) && value > 0) return value;
  }
  return null;
}
