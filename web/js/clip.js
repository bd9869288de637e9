// A clip is what the page sends: 16 kHz mono 16-bit WAV bytes, plus the samples for drawing and the facts to show.
import { resample } from "./resample.js";
import { encodeWav } from "./wav.js";
import { DEFAULT_LIMITS } from "./settings.js";

const RATE = DEFAULT_LIMITS.targetSampleRate;

export class ClipError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** From microphone samples at the AudioContext's rate. */
export function clipFromRecording(samples, sampleRate, name = "recording.wav") {
  const mono16k = resample(samples, sampleRate, RATE);
  return makeClip(mono16k, name, "microphone");
}

/**
 * From a dropped or chosen file. The browser decodes anything it can play (MP3, Ogg, M4A, WebM, WAV, FLAC...) straight to
 * 16 kHz — decodeAudioData resamples to its context's rate with its own band-limited resampler, much faster than ours on a
 * long file — and the page sends WAV. A file the browser cannot decode (AIFF in Chrome, say) goes to the API as it is: the
 * server reads more WAV, AIFF and FLAC variants than browsers do, and says clearly when it cannot.
 */
export async function clipFromFile(file, limits) {
  if (file.size === 0) throw new ClipError("empty_audio", `“${file.name}” is empty.`);
  const bytes = await file.arrayBuffer();
  let decoded = null;
  try {
    const OfflineContext = window.OfflineAudioContext || window.webkitOfflineAudioContext;
    decoded = await new OfflineContext(1, 1, RATE).decodeAudioData(bytes.slice(0));
  } catch {
    decoded = null;
  }
  if (!decoded) {
    return {
      wav: new Blob([bytes], { type: file.type || "application/octet-stream" }),
      samples: null,
      durationSeconds: null,
      name: file.name,
      source: "file",
      converted: false,
    };
  }
  if (decoded.duration > limits.maxClipSeconds) {
    throw new ClipError("too_long", `“${file.name}” lasts ${decoded.duration.toFixed(0)} s; clips may be up to ${limits.maxClipSeconds} s long.`);
  }
  const mono = mixToMono(decoded);
  const mono16k = resample(mono, decoded.sampleRate, RATE);
  return makeClip(mono16k, file.name.replace(/\.[^.]*$/, "") + ".wav", "file");
}

function makeClip(samples, name, source) {
  return {
    wav: encodeWav(samples, RATE),
    samples,
    sampleRate: RATE,
    durationSeconds: samples.length / RATE,
    name,
    source,
    converted: true,
  };
}

function mixToMono(buffer) {
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0);
  const out = new Float32Array(buffer.length);
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const data = buffer.getChannelData(c);
    for (let i = 0; i < out.length; i++) out[i] += data[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= buffer.numberOfChannels;
  return out;
}
