package dev.quiver.api;

/** One user-facing mistake and where it was made. Rendered as {@code file:line:col: message (key path)}. */
public record Problem(Location location, String message) {

    @Override
    public String toString() {
        String where = location.position();
        String path = location.keyPath().isEmpty() ? "" : " [" + location.keyPath() + "]";
        return where + ": " + message + path;
    }
}
