// Runs on the audio thread: mixes the input to mono and hands it to the page in ~40 ms batches with their level,
// so the main thread is not woken 375 times a second.
const BATCH_FRAMES = 2048;

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.batch = new Float32Array(BATCH_FRAMES);
    this.filled = 0;
    this.port.onmessage = (event) => {
      if (event.data !== "flush") return;
      this.flush();
      this.port.postMessage({ type: "flushed" });
    };
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const frames = channels[0].length;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels.length; c++) sum += channels[c][i];
      this.batch[this.filled++] = sum / channels.length;
      if (this.filled === BATCH_FRAMES) this.flush();
    }
    return true;
  }

  flush() {
    if (this.filled === 0) return;
    const samples = this.batch.slice(0, this.filled);
    this.filled = 0;
    this.port.postMessage({ type: "samples", samples }, [samples.buffer]);
  }
}

registerProcessor("ser-capture", CaptureProcessor);
