// Live analysis while recording: the last few seconds go through the same POST /predict every hop, one at a time.
import { clipFromRecording } from "./clip.js";

/**
 * Window and hop, measured (docs/development.md, "Live analysis"): 24 RAVDESS streams (6 actors x calm, happy, sad,
 * angry, 4 takes back to back), windows every 0.5 s, through `./ser predict`:
 *   window 1 s: top emotion = the stream's 33 %, "not sure" 89 %, same top as the window 1 s later 18 %
 *   window 2 s: 56 %, 72 %, 36 %      window 3 s: 77 %, 51 %, 59 %      window 4 s: 93 %, 30 %, 90 %
 * Only 4 s windows give an answer that holds from one second to the next; POST /predict takes 16-60 ms for 1-4 s
 * (local stack, warm, median-p90), so a request a second is far from piling up. A new emotion takes over about 2 s
 * after it starts (half a window). The first answer comes once 2 s are recorded; the window grows to 4 s.
 */
export const LIVE = Object.freeze({ windowSeconds: 4, hopSeconds: 1, firstAfterSeconds: 2, maxBackoffSeconds: 30 });

/**
 * One recording's live analysis. At most one request is in flight: a hop that finds one still running is skipped,
 * never queued. 429 and 503 pause it for Retry-After (or 2, 4, 8… s) and say so; the page being hidden aborts the
 * request and pauses it until it is visible again. `stop()` ends it and waits for the request in flight, so that
 * the whole clip's analysis never overlaps a live one.
 *
 * onPoint({startSeconds, endSeconds, prediction} | {startSeconds, endSeconds, silent: true}); onState(state, text)
 * with state "live", "waiting" (backing off), "paused" (page hidden), "stopped" or "key" (the API wants a key).
 */
export class LiveAnalysis {
  constructor({ api, recorder, onPoint, onState, timing = LIVE }) {
    Object.assign(this, { api, recorder, onPoint, onState, timing });
    this.inFlight = null;
    this.controller = null;
    this.resumeAt = 0;
    this.failures = 0;
    this.stopped = false;
    this.onVisibility = () => this.visibilityChanged();
  }

  start() {
    document.addEventListener("visibilitychange", this.onVisibility);
    this.timer = setInterval(() => this.tick(), this.timing.hopSeconds * 1000);
    this.onState("live", `Live: the last ${this.timing.windowSeconds} s are analysed every ${this.timing.hopSeconds} s.`);
  }

  tick() {
    if (this.stopped || document.hidden || this.inFlight) return;   // a slow answer makes us skip, never queue
    if (performance.now() < this.resumeAt) return;
    const { samples, sampleRate, endSeconds } = this.recorder.recent(this.timing.windowSeconds);
    if (!sampleRate || endSeconds < this.timing.firstAfterSeconds) return;
    const span = { startSeconds: endSeconds - samples.length / sampleRate, endSeconds };
    this.inFlight = this.analyse(clipFromRecording(samples, sampleRate), span).finally(() => { this.inFlight = null; });
  }

  async analyse(clip, span) {
    this.controller = new AbortController();
    try {
      const prediction = await this.api.predict(clip, { signal: this.controller.signal });
      this.recovered();
      this.onPoint({ ...span, prediction });
    } catch (error) {
      if (error.name === "AbortError") return;
      if (error.code === "silent" || error.code === "too_short") {   // a pause, not an error
        this.recovered();
        this.onPoint({ ...span, silent: true });
      } else if (error.code === "api_key_required") {
        this.end("key", "Live analysis stopped: the API needs a key.");
      } else {
        this.backOff(error);
      }
    }
  }

  recovered() {
    if (this.failures > 0) {
      this.failures = 0;
      this.onState("live", "Live analysis is back.");
    }
  }

  /** 429 throttled, 503 overloaded, the API unreachable…: wait as told, or 2, 4, 8… s, then carry on by itself. */
  backOff(error) {
    this.failures += 1;
    const fallback = Math.min(this.timing.maxBackoffSeconds, 2 ** this.failures);
    const seconds = Math.min(this.timing.maxBackoffSeconds, error.retryAfterSeconds ?? fallback);
    this.resumeAt = performance.now() + seconds * 1000;
    const why = error.status === 429 ? "The API asks us to slow down"
      : error.status === 503 ? "The API is busy" : "The API did not answer";
    this.onState("waiting", `${why} (${error.status || error.code}): live analysis resumes in ${Math.ceil(seconds)} s. The recording goes on.`);
  }

  visibilityChanged() {
    if (this.stopped) return;
    if (document.hidden) {
      this.controller?.abort();
      this.onState("paused", "Live analysis paused while the page is hidden. The recording goes on.");
    } else {
      this.onState("live", "Live analysis resumed.");
    }
  }

  /** Stops asking; resolves once the request in flight (if any) has answered. */
  async stop() {
    this.end("stopped", "");
    await this.inFlight;
  }

  end(state, text) {
    this.stopped = true;
    clearInterval(this.timer);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.onState(state, text);
  }
}
