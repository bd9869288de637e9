package io.github.ser.function;

/** The object (or the version) is gone, e.g. deleted between upload and processing. */
public final class NoSuchClipException extends Exception {
    public NoSuchClipException(ObjectRef clip) {
        super("s3://" + clip.bucket() + "/" + clip.key()
                + (clip.versionId() == null ? "" : " version " + clip.versionId()) + " does not exist");
    }
}
