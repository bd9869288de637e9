// Microphone capture: getUserMedia → AudioWorklet (ScriptProcessor where worklets are missing) → mono float chunks.

export class MicrophoneError extends Error {
  /** @param {"denied"|"absent"|"insecure"|"busy"|"unsupported"} reason */
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

/**
 * One recording session. `onLevel(rms, peak)` is called for each batch; `onTick(seconds)` as time passes;
 * recording stops by itself at `maxSeconds`, and `stop()` resolves with the samples and their rate.
 */
export class Recorder {
  constructor({ maxSeconds, onLevel = () => {}, onTick = () => {}, onAutoStop = () => {} }) {
    this.maxSeconds = maxSeconds;
    this.onLevel = onLevel;
    this.onTick = onTick;
    this.onAutoStop = onAutoStop;
    this.chunks = [];
    this.frames = 0;
    this.stopping = null;
  }

  async start() {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      throw new MicrophoneError("insecure", "Recording needs a secure page (https:// or localhost) and a browser with microphone support.");
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (error) {
      throw toMicrophoneError(error);
    }
    if (this.stopping) return this.cancel();     // stopped while the permission prompt was open
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    this.context = new AudioContextClass();
    await this.context.resume();
    this.sampleRate = this.context.sampleRate;
    this.maxFrames = Math.floor(this.maxSeconds * this.sampleRate);
    this.source = this.context.createMediaStreamSource(this.stream);
    this.node = await this.createCaptureNode();
    if (this.stopping) return this.cancel();
    this.source.connect(this.node);
    this.timer = setInterval(() => this.onTick(this.elapsedSeconds()), 200);
  }

  elapsedSeconds() {
    return this.frames / (this.sampleRate || 1);
  }

  /** The last `seconds` of what was captured so far (less at the start), for live analysis. */
  recent(seconds) {
    const wanted = Math.min(this.frames, Math.floor(seconds * (this.sampleRate || 0)));
    const samples = new Float32Array(wanted);
    let end = wanted;
    for (let i = this.chunks.length - 1; i >= 0 && end > 0; i--) {
      const chunk = this.chunks[i];
      const take = Math.min(chunk.length, end);
      samples.set(chunk.subarray(chunk.length - take), end - take);
      end -= take;
    }
    return { samples, sampleRate: this.sampleRate, endSeconds: this.elapsedSeconds() };
  }

  async createCaptureNode() {
    if (this.context.audioWorklet && typeof AudioWorkletNode !== "undefined") {
      await this.context.audioWorklet.addModule(new URL("./recorder-worklet.js", import.meta.url));
      const node = new AudioWorkletNode(this.context, "ser-capture", { numberOfOutputs: 0 });
      node.port.onmessage = (event) => {
        if (event.data.type === "samples") this.accept(event.data.samples);
        else if (event.data.type === "flushed") this.flushed?.();
      };
      this.flushNode = () => new Promise((resolve) => {
        this.flushed = resolve;
        node.port.postMessage("flush");
      });
      return node;
    }
    // Old Safari: no AudioWorklet. ScriptProcessor runs on the main thread but gives the same samples.
    const node = this.context.createScriptProcessor(4096, 1, 1);
    node.onaudioprocess = (event) => this.accept(Float32Array.from(event.inputBuffer.getChannelData(0)));
    node.connect(this.context.destination);
    this.flushNode = async () => {};
    return node;
  }

  accept(samples) {
    if (this.closed || this.frames >= this.maxFrames) return;
    const room = this.maxFrames - this.frames;
    const kept = samples.length > room ? samples.subarray(0, room) : samples;
    this.chunks.push(kept);
    this.frames += kept.length;
    let sum = 0;
    let peak = 0;
    for (let i = 0; i < kept.length; i++) {
      const a = Math.abs(kept[i]);
      sum += a * a;
      if (a > peak) peak = a;
    }
    this.onLevel(Math.sqrt(sum / Math.max(1, kept.length)), peak);
    if (this.frames >= this.maxFrames) {
      this.onAutoStop();
    }
  }

  /** Stops capturing and releases the microphone. Safe to call twice. */
  stop() {
    if (!this.stopping) this.stopping = this.finish();
    return this.stopping;
  }

  async finish() {
    clearInterval(this.timer);
    if (this.node) {
      // the worklet still holds up to one batch: ask for it, but never hang on a dead audio thread
      await Promise.race([this.flushNode(), new Promise((resolve) => setTimeout(resolve, 300))]);
    }
    this.closed = true;
    this.source?.disconnect();
    this.node?.disconnect();
    this.stream?.getTracks().forEach((track) => track.stop());
    if (this.context && this.context.state !== "closed") await this.context.close();
    const samples = new Float32Array(this.frames);
    let offset = 0;
    for (const chunk of this.chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    return { samples, sampleRate: this.sampleRate };
  }

  /** Gives up without a result and releases the microphone. */
  cancel() {
    clearInterval(this.timer);
    this.closed = true;
    this.stream?.getTracks().forEach((track) => track.stop());
    if (this.context && this.context.state !== "closed") this.context.close();
  }
}

function toMicrophoneError(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return new MicrophoneError("denied", "Microphone access was denied. Allow the microphone for this site in your browser's settings, then try again — or choose an audio file instead.");
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return new MicrophoneError("absent", "No microphone was found. Plug one in and try again — or choose an audio file instead.");
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return new MicrophoneError("busy", "The microphone could not be opened; another application may be using it.");
    default:
      return new MicrophoneError("unsupported", `The microphone could not be used (${error?.message || error}).`);
  }
}
