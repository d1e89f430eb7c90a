package dev.quiver.api;

/**
 * Where in a pipeline file something was written: file, 1-based line and column, and the dotted key path
 * ({@code training.optimizer.lr}, {@code transforms[1].type}).
 *
 * <p>{@code line} and {@code column} are 0 when unknown (values that came from {@code --set} or defaults).
 */
public record Location(String file, int line, int column, String keyPath) {

    public static Location unknown(String keyPath) {
        return new Location("", 0, 0, keyPath);
    }

    /** {@code file:line:column}, the form editors and terminals turn into links. */
    public String position() {
        if (line <= 0) {
            return file.isEmpty() ? "<command line>" : file;
        }
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return position() + (keyPath.isEmpty() ? "" : " (" + keyPath + ")");
    }
}
