package io.github.ser.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live timeline in a real headless Chromium whose fake microphone plays an angry RAVDESS sentence, a pause, then a
 * sad one by the same actor (intensity 02). The page talks to the local stack through {@link CountingApiProxy}, a real
 * HTTP server that counts the predictions in flight and can answer 503 with Retry-After.
 */
@ExtendWith(SharedLocalStack.class)
class LiveTimelineBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "screenshots");
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int RATE = 48000;   // what Chromium's fake device runs at
    private static final String ANGRY = "datasets/ravdess-speech-16k/Actor_03/03-01-05-02-02-01-03.flac";
    private static final String SAD = "datasets/ravdess-speech-16k/Actor_10/03-01-04-02-02-01-10.flac";
    private static final Pattern SEGMENT = Pattern.compile(": (\\w+) \\(");

    @TempDir
    static Path temp;
    static Path microphoneClip;
    static double secondsToRecord;
    static float[] angry;
    static float[] sad;

    @BeforeAll
    static void makeMicrophoneClip() throws Exception {
        angry = SpeechClips.load(ANGRY, RATE);
        sad = SpeechClips.load(SAD, RATE);
        float[] both = SpeechClips.concatenate(RATE, 1.0, angry, sad);    // played in a loop by the fake microphone
        microphoneClip = SpeechClips.writeWav(temp.resolve("angry-then-sad.wav"), both, RATE);
        secondsToRecord = (angry.length + RATE + sad.length) / (double) RATE;
    }

    @Test
    void theLiveTimelineFollowsTheVoiceOneRequestAtATimeAndTheWholeClipShowsBothEmotionsInOrder(LocalStack stack)
            throws Exception {
        // what the API says of each sentence alone: the two must differ, or this test could show nothing
        String first = emotionOf(stack, angry);
        String second = emotionOf(stack, sad);
        assertNotEquals(first, second, "the model hears both clips as " + first + "; choose two other clips");

        try (CountingApiProxy proxy = new CountingApiProxy(stack.url());
             Browser browser = Browser.withMicrophone(microphoneClip)) {
            openWithKey(browser, proxy.url());
            browser.find("#record").click();
            browser.await("#stop", SHORT);
            WebElement timeline = browser.await("#timeline", SHORT);
            browser.await(d -> seconds(browser.text("#timer")) >= Math.ceil(secondsToRecord) ? true : null,
                    Duration.ofSeconds(40));
            int livePoints = Integer.parseInt(timeline.getAttribute("data-points"));
            String liveText = browser.text("#timeline-text");
            browser.find("#stop").click();

            browser.await("#result", SHORT);
            browser.await("#clip-body", SHORT);
            assertTrue(livePoints >= 4, "live points before recording stopped: " + livePoints + "\n" + liveText);
            assertEquals(1, proxy.maxInFlight(), "never two predictions at once");

            // the whole clip, analysed when recording stops: both sentences' segments, in order
            List<String> segments = new ArrayList<>();
            for (WebElement item : browser.driver.findElements(By.cssSelector("#result [data-role=timeline-list] li"))) {
                Matcher m = SEGMENT.matcher(item.getAttribute("textContent"));
                if (m.find()) {
                    segments.add(m.group(1));
                }
            }
            int at = segments.indexOf(first);
            assertTrue(at >= 0 && segments.subList(at + 1, segments.size()).contains(second),
                    first + " then " + second + " expected in the segments " + segments + " (live: " + liveText + ")");

            // the live timeline stays, with its text alternative, and the keyboard moves along it and seeks the player
            assertTrue(browser.find("#timeline").isDisplayed());
            assertTrue(browser.driver.findElements(By.cssSelector("#timeline-text li")).size() >= 1, liveText);
            WebElement chart = browser.find("#timeline-chart");
            assertEquals("0", chart.getAttribute("tabindex"));
            chart.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ENTER);
            double position = ((Number) browser.driver.executeScript("return document.getElementById('player').currentTime")).doubleValue();
            assertTrue(position > 0, "Enter on the third point plays from there: " + position);
            assertTrue(!browser.text("[data-role=timeline-selected]").isEmpty(), "the chosen point is read out");

            // no live request after recording stopped: only the whole clip's analysis
            int afterStop = proxy.predictions();
            Thread.sleep(2500);
            assertEquals(afterStop, proxy.predictions(), "requests after recording stopped");

            Path shot = browser.screenshot(ARTIFACTS.resolve("live-timeline.png"));
            checkReadmeScreenshot(stack, shot);
        }
    }

    @Test
    void aBusyApiMakesTheLiveAnalysisWaitAsToldAndCarryOnByItself(LocalStack stack) throws Exception {
        int retryAfter = 2;
        try (CountingApiProxy proxy = new CountingApiProxy(stack.url());
             Browser browser = Browser.withMicrophone(microphoneClip)) {
            openWithKey(browser, proxy.url());
            proxy.refuseNext(3, retryAfter);
            browser.find("#record").click();
            WebElement status = browser.await("#live-status[data-state=waiting]", SHORT);
            assertTrue(status.getText().contains("busy") && status.getText().contains("503"), status.getText());
            browser.await("#live-status[data-state=live]", Duration.ofSeconds(30));   // no one clicked anything
            browser.await(d -> Integer.parseInt(browser.find("#timeline").getAttribute("data-points")) >= 1 ? true : null, SHORT);
            browser.find("#stop").click();
            browser.await("#result", SHORT);

            List<Long> refused = proxy.refusedAt();
            assertEquals(3, refused.size(), "every refusal was met, then the page went on");
            for (int i = 1; i < refused.size(); i++) {
                long gapMillis = (refused.get(i) - refused.get(i - 1)) / 1_000_000;
                assertTrue(gapMillis >= retryAfter * 1000L - 50, "the page waited Retry-After: " + gapMillis + " ms");
            }
            assertEquals(1, proxy.maxInFlight());
            browser.screenshot(ARTIFACTS.resolve("live-backoff.png"));
        }
    }

    @Test
    void aHiddenPageSendsNothingUntilItIsShownAgain(LocalStack stack) throws Exception {
        try (CountingApiProxy proxy = new CountingApiProxy(stack.url());
             Browser browser = Browser.withMicrophone(microphoneClip)) {
            openWithKey(browser, proxy.url());
            browser.find("#record").click();
            browser.await(d -> Integer.parseInt(browser.find("#timeline").getAttribute("data-points")) >= 1 ? true : null, SHORT);

            browser.driver.manage().window().minimize();             // the visitor puts the browser away
            assertEquals("hidden", browser.driver.executeScript("return document.visibilityState"));
            browser.await("#live-status[data-state=paused]", SHORT);
            int whileHidden = proxy.predictions();
            Thread.sleep(3000);
            assertEquals(whileHidden, proxy.predictions(), "no request while the page is hidden");
            browser.driver.manage().window().setSize(new Dimension(1100, 1400));   // and comes back to it
            browser.await(d -> proxy.predictions() > whileHidden ? true : null, SHORT);
            assertEquals("live", browser.find("#live-status").getAttribute("data-state"));
            assertEquals(1, proxy.maxInFlight());
        }
    }

    /**
     * The README's picture comes from this test: written over web/screenshot.png with -Dser.updateScreenshot=true, and
     * otherwise checked to show the model the stack serves, so that it cannot go stale unnoticed.
     */
    private static void checkReadmeScreenshot(LocalStack stack, Path shot) throws Exception {
        String model = health(stack).get("model").asText();
        if (ReadmeScreenshot.updateRequested()) {
            ReadmeScreenshot.write(ReadmeScreenshot.FILE, Files.readAllBytes(shot), model);
        }
        Optional<String> shown = ReadmeScreenshot.modelOf(ReadmeScreenshot.FILE);
        assertEquals(Optional.of(model), shown, "web/screenshot.png (the README's) shows another model than the shipped "
                + model + "; take it again: " + ReadmeScreenshot.HOW_TO_UPDATE);
    }

    private static void openWithKey(Browser browser, URI url) {
        browser.open(url.toString());
        browser.await("#key-form #key-input", SHORT).sendKeys(SharedLocalStack.API_KEY, Keys.ENTER);
        browser.await("#api-status[data-state=up]", SHORT);
    }

    private static String emotionOf(LocalStack stack, float[] samples) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/predict"))
                .header("Content-Type", "audio/wav").header("x-api-key", SharedLocalStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestAudio.wav16(samples, RATE))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("emotion").asText();
    }

    private static JsonNode health(LocalStack stack) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/health"))
                .header("x-api-key", SharedLocalStack.API_KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int seconds(String clock) {
        String[] parts = clock.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
}
