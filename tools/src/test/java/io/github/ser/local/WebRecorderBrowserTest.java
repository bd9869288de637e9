package io.github.ser.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioLimits;
import io.github.ser.function.SerConfiguration;
import io.github.ser.function.testing.RepoFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in a real headless Chromium against the real local stack: the fake microphone plays a RAVDESS sentence,
 * the page records it, encodes WAV, and both ways of analysing it are checked against what the API itself says.
 */
@ExtendWith(SharedLocalStack.class)
class WebRecorderBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "screenshots");
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the fake microphone plays: an angry RAVDESS sentence at 48 kHz, the rate Chromium's fake device runs at. */
    @TempDir
    static Path temp;
    static Path microphoneClip;

    @BeforeAll
    static void makeMicrophoneClip() throws Exception {
        Browser.require();
        float[] speech = SpeechClips.load("datasets/ravdess-speech-16k/Actor_01/03-01-05-02-01-01-01.flac", 48000);
        microphoneClip = SpeechClips.writeWav(temp.resolve("microphone.wav"), speech, 48000);
    }

    @Test
    void recordingIsAnalysedAndSavedToTheBucketWithTheSameAnswerAsTheApi(LocalStack stack) throws Exception {
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            openWithKey(browser, stack);
            // the page reads the model and the limits from GET /health, in the shape HealthController sends
            JsonNode health = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/health"))
                    .header("x-api-key", SharedLocalStack.API_KEY).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("model " + health.get("model").asText(), browser.text("#model-version"));
            assertEquals(health.get("limits").get("minDurationSeconds").asText() + " s", browser.text("#min-length"));

            browser.find("#record").sendKeys(Keys.ENTER);          // keyboard works as well as a click
            browser.await("#stop", SHORT);
            browser.await(d -> seconds(browser.text("#timer")) >= 4 ? true : null, SHORT);
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();   // Escape stops, like the Stop button
            browser.await("#clip", SHORT);
            assertTrue(browser.text("#clip-facts").contains("16 kHz mono 16-bit WAV"), browser.text("#clip-facts"));

            browser.find("#analyse").click();
            browser.await("#result", SHORT);
            String shownEmotion = browser.text("#result-emotion").toLowerCase(Locale.ROOT);
            String shownConfidence = browser.text("#result-confidence");
            Map<String, Double> shownBars = bars(browser);
            assertEquals(8, shownBars.size(), "a bar for every label: " + shownBars);
            assertEquals(1.0, shownBars.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
            browser.screenshot(ARTIFACTS.resolve("result-view.png"));

            browser.find("#save").click();
            browser.await("#bucket-steps li[data-step=tagged][data-state=done]", Duration.ofSeconds(60));
            String key = browser.text("#bucket-key");
            String shownTag = browser.text("#tags .tag[data-key=emotion] dd");
            browser.screenshot(ARTIFACTS.resolve("bucket-view.png"));

            // the object the page uploaded is the 16 kHz mono 16-bit WAV it recorded, with speech in it
            S3Client s3 = stack.context().getBean(S3Client.class);
            byte[] uploaded = s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(key)).asByteArray();
            assertPcmWav(uploaded, 16000, 1, 16);
            AudioClip clip = new AudioDecoder(AudioLimits.defaults()).decode(uploaded);
            assertTrue(clip.durationSeconds() >= 3.5 && clip.durationSeconds() <= 10, "duration " + clip.durationSeconds());
            assertTrue(rmsDbfs(clip.samples()) > -40, "the recording has speech in it, not silence");

            // the page shows what POST /predict says for exactly those bytes, and the bucket agrees
            JsonNode api = predict(stack, uploaded);
            assertEquals(api.get("emotion").asText(), shownEmotion);
            assertEquals(Math.round(100 * api.get("confidence").asDouble()) + "%", shownConfidence);
            api.get("probabilities").fields().forEachRemaining(p ->
                    assertEquals(p.getValue().asDouble(), shownBars.get(p.getKey()), 1e-9, p.getKey()));
            Map<String, String> tags = new HashMap<>();
            s3.getObjectTagging(b -> b.bucket(stack.bucket()).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
            assertEquals(shownEmotion, tags.get("emotion"));
            assertEquals(tags.get("emotion"), shownTag);
            // and the result view now shows the bucket's prediction, read from GET /results' `result.prediction`
            assertEquals(tags.get("emotion"), browser.text("#result-emotion").toLowerCase(Locale.ROOT));
            String status = browser.find("#status").getAttribute("textContent");
            assertTrue(status.startsWith("Tagged in the bucket: "), status);
            String resultKey = stack.context().getBean(SerConfiguration.class).resultKey(key);
            JsonNode result = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(resultKey)).asByteArray());
            assertTrue(result.toString().contains("\"" + shownEmotion + "\""), result.toString());
        }
    }

    @Test
    void aChosenLongFileIsConvertedAndShowsItsSegmentTimeline(LocalStack stack) throws Exception {
        // three sentences with pauses, at TESS's odd 24 414 Hz: longer than the 8 s split threshold
        int rate = 24414;
        float[] longClip = SpeechClips.concatenate(rate, 1.2,
                SpeechClips.load("datasets/ravdess-speech-16k/Actor_02/03-01-03-02-01-01-02.flac", rate),
                SpeechClips.load("datasets/ravdess-speech-16k/Actor_02/03-01-04-02-02-01-02.flac", rate),
                SpeechClips.load("datasets/ravdess-speech-16k/Actor_02/03-01-05-02-01-02-02.flac", rate));
        Path file = SpeechClips.writeWav(temp.resolve("three sentences.wav"), longClip, rate);
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            browser.driver.manage().window().setSize(new Dimension(390, 844));   // a phone
            openWithKey(browser, stack);
            browser.find("#file").sendKeys(file.toString());
            browser.await("#clip", SHORT);
            browser.find("#analyse").click();
            browser.await("#result [data-role=timeline]", SHORT);
            List<WebElement> segments = browser.driver.findElements(By.cssSelector("#result .segment"));
            assertTrue(segments.size() >= 2, "several segments for a " + longClip.length / rate + " s clip");
            assertTrue(Integer.parseInt(browser.find("#timeline").getAttribute("data-points")) >= 2,
                    "the emotion timeline above the waveform shows the segments too");
            assertTrue(browser.text("#clip-facts").contains("16 kHz mono 16-bit WAV"), "converted in the browser");
            Number overflow = (Number) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow.intValue(), "nothing wider than a phone screen");
            browser.screenshot(ARTIFACTS.resolve("phone-timeline-view.png"));
        }
    }

    /**
     * "Not right? It was …" after an answer from POST /predict: the page saves the clip to the bucket, sends the
     * correction, and says so; the clip is tagged and copied under labelled/&lt;label&gt;/, and a second choice moves it.
     */
    @Test
    void aCorrectionOnTheAnswerStoresTheClipUnderItsLabel(LocalStack stack) throws Exception {
        Path file = SpeechClips.writeWav(temp.resolve("correct me.wav"),
                SpeechClips.load("datasets/ravdess-speech-16k/Actor_03/03-01-04-01-01-01-03.flac", 16000), 16000);
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            openWithKey(browser, stack);
            browser.find("#file").sendKeys(file.toString());
            browser.await("#clip", SHORT);
            browser.find("#analyse").click();
            browser.await("#result", SHORT);
            String answer = browser.text("#result-emotion").toLowerCase(Locale.ROOT);
            List<String> choices = browser.driver.findElements(By.cssSelector("#correction .choice")).stream()
                    .map(choice -> choice.getAttribute("data-label")).toList();
            assertEquals(List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"), choices,
                    "the model's eight labels");
            String first = answer.equals("sad") ? "calm" : "sad";

            browser.find("#correction .choice[data-label=" + first + "]").click();
            browser.await(d -> browser.text("#correction-status").equals("Saved: it was " + first + ".") ? true : null, SHORT);
            browser.screenshot(ARTIFACTS.resolve("correction-view.png"));

            S3Client s3 = stack.context().getBean(S3Client.class);
            List<String> labelled = labelledKeys(s3, stack);
            assertEquals(1, labelled.size(), labelled.toString());
            String copy = labelled.get(0);
            assertTrue(copy.startsWith("labelled/" + first + "/"), copy);
            assertEquals(copy, browser.find("#correction").getAttribute("data-labelled-key"));
            String clipKey = "uploads/" + copy.substring(("labelled/" + first + "/").length());
            byte[] uploaded = s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(clipKey)).asByteArray();
            assertPcmWav(uploaded, 16000, 1, 16);
            assertEquals(List.of(uploaded.length), List.of(s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(copy))
                    .asByteArray().length), "the copy is the clip the page saved");
            assertEquals(first, tag(s3, stack, clipKey, "emotion-label"));

            // changing one's mind moves the clip: it is under one label only, and the page saved it only once
            browser.find("#correction .choice[data-label=fearful]").click();
            browser.await(d -> browser.text("#correction-status").equals("Saved: it was fearful.") ? true : null, SHORT);
            assertEquals(List.of(copy.replace("labelled/" + first + "/", "labelled/fearful/")), labelledKeys(s3, stack));
            assertEquals("fearful", tag(s3, stack, clipKey, "emotion-label"));
            assertEquals("true", browser.find("#correction .choice[data-label=fearful]").getAttribute("aria-pressed"));
        }
    }

    private static List<String> labelledKeys(S3Client s3, LocalStack stack) {
        return s3.listObjectsV2(b -> b.bucket(stack.bucket()).prefix("labelled/")).contents().stream()
                .map(o -> o.key()).filter(key -> key.endsWith(".wav")).toList();
    }

    private static String tag(S3Client s3, LocalStack stack, String key, String name) {
        return s3.getObjectTagging(b -> b.bucket(stack.bucket()).key(key)).tagSet().stream()
                .filter(t -> t.key().equals(name)).map(t -> t.value()).findFirst().orElse(null);
    }

    /** The page's own resampler module, run in the browser on sine tones from 48 kHz to 16 kHz. */
    @Test
    void theBrowserResamplerKeepsSpeechAndRejectsAliases(LocalStack stack) throws Exception {
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            browser.open(stack.url().toString());
            Object json = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import("/js/resample.js").then(({ resample }) => {
                      const gains = {};
                      for (const f of [100, 1000, 4000, 7000, 8500, 10000, 15000, 20000]) {
                        const x = new Float32Array(48000);
                        for (let i = 0; i < x.length; i++) x[i] = Math.sin(2 * Math.PI * f * i / 48000);
                        const y = resample(x, 48000, 16000);
                        let sum = 0;
                        for (let i = 3200; i < 12800; i++) sum += y[i] * y[i];   // away from the edges
                        gains[f] = 10 * Math.log10(sum / 9600 / 0.5);
                      }
                      done(JSON.stringify(gains));
                    }).catch((e) => done("error: " + e));
                    """);
            JsonNode gains = JSON.readTree(String.valueOf(json));
            for (String passband : List.of("100", "1000", "4000", "7000")) {
                assertEquals(0, gains.get(passband).asDouble(), 0.1, passband + " Hz passes unchanged: " + gains);
            }
            for (String alias : List.of("8500", "10000", "15000", "20000")) {
                assertTrue(gains.get(alias).asDouble() < -70, alias + " Hz would alias; it must be removed: " + gains);
            }
        }
    }

    /** The page's own settings module: `?api=` counts only where config.js allows it (the committed one does not). */
    @Test
    void theApiOverrideOnlyWorksWhereTheDeployerAllowsIt(LocalStack stack) throws Exception {
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            browser.open(stack.url().toString());
            Object json = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import("/js/settings.js").then(({ resolveApiBase }) => {
                      const link = { search: "?api=https://evil.example" };
                      done(JSON.stringify({
                        deployed: resolveApiBase(link, { apiBase: "", allowApiOverride: false }),
                        unset: resolveApiBase(link, { apiBase: "https://api.example" }),
                        allowed: resolveApiBase(link, { apiBase: "", allowApiOverride: true }),
                      }));
                    }).catch((e) => done("error: " + e));
                    """);
            JsonNode bases = JSON.readTree(String.valueOf(json));
            assertEquals("", bases.get("deployed").asText());
            assertEquals("https://api.example", bases.get("unset").asText());
            assertEquals("https://evil.example", bases.get("allowed").asText());
            String committed = Files.readString(RepoFiles.root().resolve("web/config.js"));
            assertTrue(committed.contains("allowApiOverride: false"), "the file that gets deployed keeps it off");
        }
    }

    @Test
    void aDeniedMicrophoneIsExplained(LocalStack stack) {
        try (Browser browser = Browser.denyingMicrophone()) {
            openWithKey(browser, stack);
            browser.find("#record").click();
            WebElement message = browser.await("#message[data-code=microphone-denied]", SHORT);
            assertTrue(message.getText().contains("Microphone access was denied"), message.getText());
            assertTrue(browser.find("#record").isDisplayed(), "the page is back to idle, ready to retry");
        }
    }

    @Test
    void anUnreachableApiIsExplained(LocalStack stack) throws Exception {
        int closed = SharedLocalStack.freePort();
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            browser.open(stack.url() + "/?api=http://localhost:" + closed);
            WebElement message = browser.await("#message[data-code=unreachable]", SHORT);
            assertTrue(message.getText().contains("cannot be reached"), message.getText());
            assertEquals("down", browser.find("#api-status").getAttribute("data-state"));
            // before /health answers (here: never) the page shows the limits a default server has, never "undefined"
            JsonNode limits = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/health"))
                    .header("x-api-key", SharedLocalStack.API_KEY).build(), HttpResponse.BodyHandlers.ofString()).body()).get("limits");
            long predictSeconds = Math.min((long) limits.get("maxDurationSeconds").asDouble(),
                    (limits.get("maxPredictBytes").asLong() - 44) / (16000 * 2));
            assertEquals(predictSeconds / 60 + ":" + String.format(Locale.ROOT, "%02d", predictSeconds % 60), browser.text("#max-length"));
            assertEquals(limits.get("minDurationSeconds").asText() + " s", browser.text("#min-length"));
            browser.screenshot(ARTIFACTS.resolve("api-down.png"));
        }
    }

    /** Opens the page, which finds that the API needs a key and asks for it; gives it, as a visitor would, once. */
    private static void openWithKey(Browser browser, LocalStack stack) {
        browser.open(stack.url().toString());
        browser.await("#api-status[data-state=locked]", SHORT);
        WebElement input = browser.await("#key-form #key-input", SHORT);
        input.sendKeys(SharedLocalStack.API_KEY, Keys.ENTER);
        browser.await("#api-status[data-state=up]", SHORT);
        assertTrue(browser.find("#key-form").getAttribute("hidden") != null, "the form is gone once the key works");
    }

    @Test
    void theKeyIsAskedForOnceKeptForTheTabOnlyAndAWrongOneIsAskedForAgain(LocalStack stack) {
        try (Browser browser = Browser.withMicrophone(microphoneClip)) {
            browser.open(stack.url().toString());
            browser.await("#key-form #key-input", SHORT).sendKeys("not-the-key", Keys.ENTER);
            WebElement hint = browser.await("#key-form #key-hint", SHORT);
            browser.await(d -> hint.getText().contains("did not accept") ? true : null, SHORT);
            assertEquals("locked", browser.find("#api-status").getAttribute("data-state"));

            browser.find("#key-input").sendKeys(SharedLocalStack.API_KEY, Keys.ENTER);
            browser.await("#api-status[data-state=up]", SHORT);
            assertEquals(SharedLocalStack.API_KEY, browser.driver.executeScript("return sessionStorage.getItem('ser.apiKey')"));
            assertEquals(0L, ((Number) browser.driver.executeScript("return localStorage.length")).longValue(),
                    "nothing outlives the tab");
            browser.driver.navigate().refresh();    // the same tab: no need to ask again
            browser.await("#api-status[data-state=up]", SHORT);
            assertTrue(browser.find("#key-form").getAttribute("hidden") != null);
        }
    }

    private static Map<String, Double> bars(Browser browser) {
        Map<String, Double> bars = new HashMap<>();
        for (WebElement bar : browser.driver.findElements(By.cssSelector("#probabilities li.bar"))) {
            bars.put(bar.getAttribute("data-label"), Double.parseDouble(bar.getAttribute("data-probability")));
        }
        return bars;
    }

    private static JsonNode predict(LocalStack stack, byte[] wav) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/predict"))
                .header("Content-Type", "audio/wav").header("x-api-key", SharedLocalStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** The canonical 44-byte header the page writes. */
    private static void assertPcmWav(byte[] wav, int rate, int channels, int bits) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVEfmt ", new String(wav, 8, 8));
        assertEquals(1, b.getShort(20), "PCM");
        assertEquals(channels, b.getShort(22));
        assertEquals(rate, b.getInt(24));
        assertEquals(bits, b.getShort(34));
        assertEquals("data", new String(wav, 36, 4));
        assertEquals(wav.length - 44, b.getInt(40));
    }

    private static double rmsDbfs(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return 10 * Math.log10(sum / samples.length + 1e-20);
    }

    private static int seconds(String clock) {
        String[] parts = clock.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
}
