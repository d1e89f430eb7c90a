package dev.quiver.optim.loss.internal;

/** Argument checks shared by the losses: wrong shapes are bugs in the calling model, not user mistakes. */
public final class Shapes {

    private Shapes() {}

    /** Checks that output, gradient and (element-wise) target hold {@code rows x width} values. */
    public static void elementwise(float[] output, float[] target, int rows, int width, float[] gradient) {
        long n = (long) rows * width;
        if (output.length < n || target.length < n || gradient.length < n) {
            throw new IllegalArgumentException("expected " + n + " values (" + rows + " rows x " + width
                    + "), got output " + output.length + ", target " + target.length + ", gradient "
                    + gradient.length);
        }
    }
}
