// Band-limited resampling (Kaiser-windowed sinc, polyphase), so that downsampling a 48 kHz microphone to 16 kHz
// does not fold everything above 8 kHz back into the speech band, as naive decimation or linear interpolation would.

const STOPBAND_DB = 80;          // attenuation of everything that would alias
const PASSBAND_EDGE = 0.9;       // passband ends at 90% of the lower Nyquist frequency; the stop band starts at it
const MAX_PHASES = 1024;         // beyond this many exact phases, interpolate between neighbouring tables

/** Resamples mono float samples from one rate to another. */
export function resample(input, fromRate, toRate) {
  if (fromRate === toRate) return Float32Array.from(input);
  const g = gcd(fromRate, toRate);
  const up = toRate / g;          // output samples per...
  const down = fromRate / g;      // ...this many input samples
  const filter = designFilter(fromRate, toRate, Math.min(up, MAX_PHASES));
  const outLength = Math.floor((input.length * up) / down);
  const output = new Float32Array(outLength);
  const { taps, half, phases, tables } = filter;
  for (let n = 0; n < outLength; n++) {
    const position = n * down;                       // input position times `up`
    const base = Math.floor(position / up);
    const phase = ((position % up) / up) * phases;   // fractional part, in table units
    const p0 = Math.floor(phase);
    const w = phase - p0;
    const a = tables[p0];
    const b = tables[p0 + 1];
    let acc = 0;
    const first = base - half + 1;
    for (let m = 0; m < taps; m++) {
      const k = first + m;
      if (k < 0 || k >= input.length) continue;
      const c = w === 0 ? a[m] : a[m] + w * (b[m] - a[m]);
      acc += input[k] * c;
    }
    output[n] = acc;
  }
  return output;
}

/**
 * One coefficient table per output phase (plus one for phase 1.0, so interpolation never runs off the end).
 * Table p holds h(d) for the taps k = base - half + 1 + m, at distance d = (base + p/phases) - k.
 */
function designFilter(fromRate, toRate, phases) {
  const scale = Math.min(1, toRate / fromRate);                 // output bandwidth relative to input Nyquist
  const transition = 0.5 * scale * (1 - PASSBAND_EDGE);         // cycles per input sample
  const cutoff = 0.5 * scale * (1 + PASSBAND_EDGE) / 2;         // middle of the transition band
  const length = Math.ceil((STOPBAND_DB - 8) / (2.285 * 2 * Math.PI * transition));
  const half = Math.ceil(length / 2);
  const taps = 2 * half;
  const beta = 0.1102 * (STOPBAND_DB - 8.7);
  const i0Beta = besselI0(beta);
  const tables = [];
  for (let p = 0; p <= phases; p++) {
    const frac = p / phases;
    const table = new Float32Array(taps);
    let sum = 0;
    for (let m = 0; m < taps; m++) {
      const d = frac + half - 1 - m;
      const r = d / half;
      const window = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      const x = 2 * cutoff * d;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      table[m] = 2 * cutoff * sinc * window;
      sum += table[m];
    }
    for (let m = 0; m < taps; m++) table[m] /= sum;             // unity gain at DC for every phase
    tables.push(table);
  }
  return { taps, half, phases, tables };
}

function besselI0(x) {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}
