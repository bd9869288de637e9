// The page: record or choose a clip, then analyse it now or save it to the bucket and watch it get tagged; say what
// it really was when the answer is wrong.
import { createApi, tagsOf, waitForTags } from "./js/api.js";
import { ClipError, clipFromFile, clipFromRecording } from "./js/clip.js";
import { Recorder } from "./js/recorder.js";
import { renderPrediction, renderTags } from "./js/results.js";
import { apiKey } from "./js/apikey.js";
import { DEFAULT_LIMITS, apiOverrideAllowed, limitsFromHealth, resolveApiBase } from "./js/settings.js";
import { drawWaveform } from "./js/waveform.js";
import { LiveAnalysis } from "./js/live.js";
import { Timeline } from "./js/timeline.js";
import { LABELS, capitalise, percent } from "./js/emotions.js";

const $ = (id) => document.getElementById(id);
const ui = {
  keyForm: $("key-form"), keyInput: $("key-input"), keyHint: $("key-hint"), apiOverride: $("api-override"),
  apiStatus: $("api-status"), apiBase: $("api-base"), modelVersion: $("model-version"), apiForm: $("api-form"), apiInput: $("api-input"),
  recorder: $("recorder"), record: $("record"), stop: $("stop"), level: $("level"), timer: $("timer"),
  dropzone: $("dropzone"), file: $("file"),
  message: $("message"), status: $("status"),
  clip: $("clip"), clipFacts: $("clip-facts"), clipBody: $("clip-body"), liveStatus: $("live-status"), waveform: $("waveform"), player: $("player"),
  analyse: $("analyse"), save: $("save"), download: $("download"), analyseHint: $("analyse-hint"),
  result: $("result"), bucket: $("bucket"), bucketKey: $("bucket-key"), bucketSteps: $("bucket-steps"), tags: $("tags"),
  correction: $("correction"), correctionStatus: $("correction-status"),
};

const api = createApi(resolveApiBase());
let limits = DEFAULT_LIMITS;
let recorder = null;
let live = null;
const timeline = new Timeline($("timeline"), { onSeek: seek });
let clip = null;
let shownPrediction = null;
let savedKey = null;   // the current clip's key in the bucket, once it is there
let labels = LABELS;   // the model's, from /health
let busy = false;

init();

function init() {
  ui.apiBase.textContent = api.base;
  ui.apiInput.value = resolveApiBase();
  showMaxLength();
  ui.record.addEventListener("click", startRecording);
  ui.stop.addEventListener("click", () => stopRecording());
  ui.file.addEventListener("change", () => ui.file.files[0] && useFile(ui.file.files[0]));
  ui.analyse.addEventListener("click", analyseNow);
  ui.save.addEventListener("click", saveToBucket);
  ui.apiForm.addEventListener("submit", switchApi);
  ui.apiOverride.hidden = !apiOverrideAllowed();
  ui.keyForm.addEventListener("submit", useKey);
  ui.player.addEventListener("timeupdate", redrawWaveform);
  ui.player.addEventListener("ended", redrawWaveform);
  window.addEventListener("resize", redrawWaveform);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && recorder) stopRecording();
  });
  setupDropzone();
  checkApi();
}

async function checkApi() {
  try {
    const health = await api.health();
    limits = limitsFromHealth(health);
    labels = health.labels || LABELS;
    showMaxLength();
    updateButtons();
    ui.modelVersion.textContent = `model ${health.model}`;
    setApiStatus("up", "Emotion API ready");
  } catch (error) {
    if (error.code === "api_key_required") {
      askForKey();
      return;
    }
    setApiStatus("down", error.message);
    showMessage(error.message, error.code || "unreachable");
  }
}

/** The API wants a key (x-api-key): ask once; a key it refuses is forgotten and asked for again. */
function askForKey() {
  const refused = Boolean(apiKey.get());
  apiKey.clear();
  setApiStatus("locked", "The emotion API needs an access key");
  ui.keyHint.textContent = refused
    ? "The API did not accept that key. Check it and try again."
    : "Ask whoever runs this site for the key. It is kept in this browser tab only and forgotten when you close it.";
  ui.keyForm.hidden = false;
  ui.keyInput.focus();
}

function useKey(event) {
  event.preventDefault();
  const key = ui.keyInput.value.trim();
  if (!key) return;
  apiKey.set(key);
  ui.keyInput.value = "";
  ui.keyForm.hidden = true;
  clearMessage();
  checkApi();
}

function setApiStatus(state, text) {
  ui.apiStatus.dataset.state = state;
  ui.apiStatus.querySelector("[data-role=text]").textContent = text;
}

// ---- capture ------------------------------------------------------------------------------------------------------

async function startRecording() {
  if (recorder || busy) return;
  clearMessage();
  const active = new Recorder({
    maxSeconds: limits.maxRecordSeconds,
    onLevel: showLevel,
    onTick: (seconds) => {
      ui.timer.textContent = clock(seconds);
      timeline.setDuration(seconds);
    },
    onAutoStop: () => stopRecording(`Stopped at the ${clock(limits.maxRecordSeconds)} limit.`),
  });
  recorder = active;
  setRecording(true);
  try {
    await active.start();
    if (recorder !== active) return;          // stopped while the microphone was being opened
    startLive(active);
    announce("Recording. Press Stop (or Escape) when you are done.");
  } catch (error) {
    active.cancel();
    if (recorder === active) recorder = null;
    setRecording(false);
    showMessage(error.message, `microphone-${error.reason || "error"}`);
    announce("");
  }
}

async function stopRecording(note = "") {
  if (!recorder) return;
  const active = recorder;
  recorder = null;
  const liveDone = live ? live.stop() : Promise.resolve();
  live = null;
  const { samples, sampleRate } = await active.stop();
  await liveDone;            // the whole clip's analysis never overlaps a live one
  setRecording(false);
  showLevel(0, 0);
  if (!sampleRate || samples.length / sampleRate < limits.minSeconds) {
    if (clip) setClip(clip);     // back to the clip shown before
    else ui.clip.hidden = true;
    showMessage("That recording is too short to analyse. Hold the button a little longer.", "too_short");
    return;
  }
  setClip(clipFromRecording(samples, sampleRate), { keepTimeline: true });
  announce(`${note} Recorded ${clip.durationSeconds.toFixed(1)} seconds. Analysing the whole clip…`.trim());
  await analyseNow();
}

/** While recording: the live timeline, shown where the clip will be. */
function startLive(active) {
  timeline.reset();
  timeline.root.hidden = false;     // its status line says what the live analysis is doing before any answer
  ui.clip.hidden = false;
  ui.clipBody.hidden = true;
  ui.result.hidden = true;
  ui.bucket.hidden = true;
  ui.clipFacts.textContent = "Recording…";
  live = new LiveAnalysis({
    api,
    recorder: active,
    onPoint: (point) => timeline.add(point, active.elapsedSeconds()),
    onState: showLiveState,
  });
  live.start();
}

function showLiveState(state, text) {
  ui.liveStatus.dataset.state = state;
  ui.liveStatus.textContent = text;
  if (state === "key") askForKey();
}

/** Clicking the timeline (or Enter on a point) plays the clip from there. */
function seek(seconds) {
  if (!clip || ui.clipBody.hidden) return;
  ui.player.currentTime = Math.min(seconds, clip.durationSeconds || seconds);
  redrawWaveform();
}

function setRecording(on) {
  ui.recorder.dataset.state = on ? "recording" : "idle";
  ui.record.hidden = on;
  ui.stop.hidden = !on;
  ui.file.disabled = on;
  updateButtons();
  if (on) {
    ui.timer.textContent = clock(0);
    ui.stop.focus();
  } else {
    ui.record.focus();
  }
}

function showLevel(rms) {
  // dBFS mapped onto 0-100: -60 dB and below is empty, 0 dB full
  const db = 20 * Math.log10(Math.max(rms, 1e-6));
  const level = Math.round(Math.max(0, Math.min(100, ((db + 60) / 60) * 100)));
  ui.level.style.setProperty("--level", `${level}%`);
  ui.level.setAttribute("aria-valuenow", String(level));
}

async function useFile(file) {
  clearMessage();
  announce(`Reading and converting ${file.name}…`);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));   // let the message paint first
  try {
    setClip(await clipFromFile(file, limits));
    announce(`${file.name} is ready. Choose Analyse now or Save to bucket.`);
  } catch (error) {
    showMessage(error instanceof ClipError ? error.message : `“${file.name}” could not be read: ${error.message}`, error.code || "file");
    announce("");
  } finally {
    ui.file.value = "";
  }
}

function setupDropzone() {
  const zone = ui.dropzone;
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add("is-over");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("is-over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files?.[0];
    if (file) useFile(file);
  });
}

function setClip(next, { keepTimeline = false } = {}) {
  if (!keepTimeline) {
    timeline.reset();
    showLiveState("idle", "");
  }
  if (clip) URL.revokeObjectURL(ui.player.src);
  clip = next;
  shownPrediction = null;
  savedKey = null;
  const url = URL.createObjectURL(clip.wav);
  ui.player.src = url;
  ui.download.href = url;
  ui.download.download = clip.name;
  ui.clipFacts.textContent = clip.converted
    ? `${clip.durationSeconds.toFixed(1)} s · 16 kHz mono 16-bit WAV · ${kilobytes(clip.wav.size)}`
    : `${clip.name} · ${kilobytes(clip.wav.size)} · sent as it is (this browser cannot decode it; the server may)`;
  ui.waveform.hidden = !clip.samples;
  ui.clipBody.hidden = false;
  ui.clip.hidden = false;
  if (clip.durationSeconds) timeline.setDuration(clip.durationSeconds);
  ui.result.hidden = true;
  ui.bucket.hidden = true;
  updateButtons();
  redrawWaveform();
  reveal(ui.clip);
}

function redrawWaveform() {
  if (!clip?.samples || ui.clip.hidden) return;
  const duration = clip.durationSeconds || 0;
  drawWaveform(ui.waveform, clip.samples, {
    durationSeconds: duration,
    segments: shownPrediction?.segments,
    progress: duration ? ui.player.currentTime / duration : 0,
  });
}

// ---- analysis -----------------------------------------------------------------------------------------------------

async function analyseNow() {
  if (!clip) return;
  await run(ui.analyse, "Analysing…", async () => {
    const prediction = await api.predict(clip);
    showPrediction(prediction);
  });
}

async function saveToBucket() {
  if (!clip) return;
  await run(ui.save, "Saving to the bucket…", async () => {
    ui.bucket.hidden = false;
    reveal(ui.bucket);
    ui.tags.replaceChildren();
    ui.bucketKey.textContent = "…";
    setStep("presign");
    const key = await uploadClip((presigned) => {
      ui.bucketKey.textContent = presigned;
      ui.bucket.dataset.key = presigned;
      setStep("upload");
    });
    setStep("tagging");
    announce("Uploaded. Waiting for the tagging function…");
    const result = await waitForTags(api, key, {
      intervalMs: limits.pollIntervalMs,
      timeoutMs: limits.pollTimeoutMs,
      onWait: (ms) => announceQuietly(`Uploaded. Waiting for the tagging function… ${Math.round(ms / 1000)} s`),
    });
    setStep("tagged");
    const tags = tagsOf(result);
    renderTags(ui.tags, tags);
    const prediction = predictionOf(result);
    if (tags["emotion-status"] === "failed") {
      const code = tags["emotion-error"] || "failed";
      showMessage(messageFor({ code, message: `The tagging function could not analyse the clip (${code}).` }), code);
    } else if (prediction) {
      showPrediction(prediction, "Tagged in the bucket: ");
    } else {
      announce(`Tagged in the bucket: ${tags.emotion}.`);
    }
  });
}

/** Puts the clip in the bucket under a new key (presigned PUT); `onPresigned(key)` runs before the upload. */
async function uploadClip(onPresigned = () => {}) {
  const upload = await api.createUpload(clip);
  onPresigned(upload.key);
  await api.putToBucket(upload, clip);
  savedKey = upload.key;
  return upload.key;
}

/** "Not right? It was …": one button per label of the model; the answer's own label too, as a confirmation is data. */
function showCorrection() {
  const choices = ui.correction.querySelector("[data-role=choices]");
  choices.replaceChildren(...labels.map((label) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary choice";
    button.dataset.label = label;
    button.setAttribute("aria-pressed", "false");
    button.textContent = capitalise(label);
    button.addEventListener("click", () => correct(label, button));
    return button;
  }));
  ui.correctionStatus.textContent = "";
}

/** Sends the correction, saving the clip to the bucket first when only /predict has seen it. */
async function correct(label, button) {
  if (!clip) return;
  await run(button, `Saving: it was ${label}…`, async () => {
    ui.correctionStatus.textContent = "";
    const key = savedKey || await uploadClip();
    const correction = await api.label(key, label);
    for (const choice of ui.correction.querySelectorAll(".choice")) {
      choice.setAttribute("aria-pressed", String(choice === button));
    }
    ui.correction.dataset.labelledKey = correction.labelledKey;
    ui.correctionStatus.textContent = `Saved: it was ${label}.`;
    announce(`Saved: it was ${label}.`);
  });
}

/** The prediction of a GET /results answer: ResultController puts the tagging function's result under `result`. */
function predictionOf(result) {
  return result.result?.prediction ?? null;
}

function showPrediction(prediction, prefix = "") {
  const firstTime = ui.result.hidden;
  shownPrediction = prediction;
  renderPrediction(ui.result, prediction);
  showCorrection();
  if (!timeline.points.length) timeline.showPrediction(prediction, clip?.durationSeconds);   // a file; a recording keeps its live points
  redrawWaveform();
  if (firstTime) reveal(ui.result);
  announce(`${prefix}${capitalise(prediction.emotion)}, ${percent(prediction.confidence)} confidence.`);
}

/** Runs one request at a time, with the buttons disabled and errors shown where people look. */
async function run(button, busyText, task) {
  if (busy) return;
  busy = true;
  clearMessage();
  updateButtons();
  button.setAttribute("aria-busy", "true");
  announce(busyText);
  try {
    await task();
  } catch (error) {
    if (error.code === "api_key_required") {
      askForKey();
      return;
    }
    showMessage(messageFor(error), error.code || "error");
    announce("");
    if (error.code === "unreachable") setApiStatus("down", error.message);
  } finally {
    busy = false;
    button.removeAttribute("aria-busy");
    updateButtons();
  }
}

/** A clip too big for one API call can still be saved to the bucket, which takes clips up to the maximum duration. */
function updateButtons() {
  const tooBig = Boolean(clip) && clip.wav.size > limits.maxPredictBytes;
  ui.analyse.disabled = busy || Boolean(recorder) || !clip || tooBig;
  ui.save.disabled = busy || Boolean(recorder) || !clip;
  ui.record.disabled = busy;
  ui.analyseHint.querySelector("[data-role=text]").textContent = tooBig
    ? `takes clips up to ${megabytes(limits.maxPredictBytes)} (${clock(limits.maxRecordSeconds)}); this one is ${megabytes(clip.wav.size)}, so save it to the bucket instead.`
    : "posts the clip to the API and answers at once.";
}

const FRIENDLY = {
  silent: "The clip sounds silent. Check the microphone and speak a little louder.",
  too_short: "The clip is too short to analyse. Say at least a few words.",
  too_long: () => `The clip is longer than the API accepts (${clock(limits.maxRecordSeconds)}).`,
  too_large: "The clip is larger than the API accepts in one request. Save it to the bucket instead, which takes larger clips.",
  unsupported_format: null,   // the server's message says what it saw and what to send
};

function messageFor(error) {
  const friendly = FRIENDLY[error.code];
  if (typeof friendly === "function") return friendly();
  return friendly || error.message;
}

// ---- small helpers ------------------------------------------------------------------------------------------------

/** Brings a section into view (on a phone the answer is below the fold); focus stays where it was. */
function reveal(element) {
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ behavior: calm ? "auto" : "smooth", block: "nearest" });
}

function setStep(current) {
  let reached = true;
  for (const item of ui.bucketSteps.children) {
    const isCurrent = item.dataset.step === current;
    item.dataset.state = isCurrent ? (current === "tagged" ? "done" : "active") : reached ? "done" : "todo";
    if (isCurrent) {
      item.setAttribute("aria-current", "step");
      reached = false;
    } else {
      item.removeAttribute("aria-current");
    }
  }
}

function showMessage(text, code) {
  ui.message.dataset.code = code;
  ui.message.querySelector("[data-role=text]").textContent = text;
  ui.message.hidden = false;
}

function clearMessage() {
  ui.message.hidden = true;
  delete ui.message.dataset.code;
}

function announce(text) {
  ui.status.textContent = text;
}

let lastQuiet = 0;
function announceQuietly(text) {
  // progress every few seconds, not every poll, so screen readers are not flooded
  if (performance.now() - lastQuiet > 3000) {
    lastQuiet = performance.now();
    announce(text);
  }
}

function showMaxLength() {
  const text = clock(limits.maxRecordSeconds);
  document.getElementById("max-length").textContent = text;
  document.getElementById("min-length").textContent = `${limits.minSeconds} s`;
  document.querySelectorAll("[data-role=max-length]").forEach((el) => { el.textContent = text; });
}

function switchApi(event) {
  event.preventDefault();
  const url = new URL(window.location.href);
  const value = ui.apiInput.value.trim();
  if (value) url.searchParams.set("api", value);
  else url.searchParams.delete("api");
  window.location.assign(url.toString());
}

function clock(seconds) {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function kilobytes(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}
