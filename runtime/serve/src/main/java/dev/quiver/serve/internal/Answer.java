package dev.quiver.serve.internal;

/**
 * The body of one successful predict answer, encoded on the thread that predicted: heap bytes only, so no Arrow
 * memory crosses from the predicting thread to the request thread. Immutable.
 *
 * @param contentType JSON or the Arrow stream media type
 * @param body the encoded predictions
 * @param rows how many rows it answers
 */
public record Answer(String contentType, byte[] body, long rows) {}
