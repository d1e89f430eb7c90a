package dev.quiver.engine.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense, row-major float32 tensor that records how it was computed, so that {@link #backward()} can apply
 * the chain rule from it back to every tensor that {@linkplain #requiresGrad() requires a gradient}.
 *
 * <p>Each op computes its output eagerly and attaches its own local derivative (a {@link Backward}) that, given
 * the output's gradient, adds its contribution to its inputs' gradients. {@code backward()} visits the graph in
 * reverse topological order, so a tensor's gradient is complete before it is propagated further. Leaves'
 * gradients accumulate over backward passes, as in PyTorch, until whoever owns them zeroes them; an
 * intermediate's gradient is that of the latest pass through it.
 *
 * <p>Buffers come from the thread's active {@link Workspace}, if any, else from the heap. A tensor is confined
 * to the thread that made it; its data must not be changed while a graph that uses it is alive.
 */
public final class Tensor {

    /** An op's local derivative: reads {@code out.grad()} and accumulates into its inputs' gradients. */
    @FunctionalInterface
    interface Backward {
        void apply(Tensor out);
    }

    private static final java.util.concurrent.atomic.AtomicInteger VISITS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final float[] data;
    private final int[] shape;
    private final int size;
    private float[] grad;
    private final boolean requiresGrad;
    private final Tensor[] inputs;
    private final Backward backward;
    private int visit;

    private Tensor(float[] data, int[] shape, float[] grad, boolean requiresGrad, Tensor[] inputs, Backward backward) {
        this.shape = shape.clone();
        this.size = sizeOf(shape);
        if (data.length < size) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " values for shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.grad = grad;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
    }

    /** A constant over {@code data} (not copied). */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(data, shape, null, false, new Tensor[0], null);
    }

    /**
     * A trainable leaf over {@code data} whose gradient accumulates into {@code grad} (both kept, not copied):
     * this is how a model's parameters, owned by the model, enter a graph.
     */
    public static Tensor parameter(float[] data, float[] grad, int... shape) {
        if (grad.length < sizeOf(shape)) {
            throw new IllegalArgumentException("gradient buffer too small for " + Arrays.toString(shape));
        }
        return new Tensor(data, shape, grad, true, new Tensor[0], null);
    }

    /** A trainable leaf with its own zeroed gradient buffer. */
    public static Tensor variable(float[] data, int... shape) {
        return parameter(data, new float[sizeOf(shape)], shape);
    }

    public static Tensor zeros(int... shape) {
        return of(Workspace.zeros(sizeOf(shape)), shape);
    }

    /** The result of an op: tracked when any input requires a gradient, a plain constant otherwise. */
    static Tensor result(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        boolean track = false;
        for (Tensor t : inputs) {
            track |= t.requiresGrad;
        }
        return track
                ? new Tensor(data, shape, null, true, inputs, backward)
                : new Tensor(data, shape, null, false, new Tensor[0], null);
    }

    static int sizeOf(int[] shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The values; may be longer than {@link #size()} when it comes from a workspace. */
    public float[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return size;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The gradient after {@link #backward()}, or null if none reached this tensor. */
    public float[] grad() {
        return grad;
    }

    /** The only value of a one-element tensor. */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException("item() of a tensor of shape " + Arrays.toString(shape));
        }
        return data[0];
    }

    /** The value at a multi-dimensional index, for tests and small reads. */
    public float get(int... index) {
        int offset = 0;
        for (int d = 0; d < shape.length; d++) {
            offset = offset * shape[d] + index[d];
        }
        return data[offset];
    }

    /** This tensor's gradient buffer, zero-filled on first use. */
    float[] gradBuffer() {
        if (grad == null) {
            grad = Workspace.zeros(size);
        }
        return grad;
    }

    int[] shapeRef() {
        return shape;
    }

    /** Back-propagates from a one-element tensor (a loss), seeding its gradient with 1. */
    public void backward() {
        if (size != 1) {
            throw new IllegalStateException(
                    "backward() without a seed needs a one-element tensor, not " + Arrays.toString(shape));
        }
        backward(new float[] {1f});
    }

    /**
     * Back-propagates from this tensor with {@code seed} as its gradient (e.g. a loss's gradient with respect
     * to a network's outputs), accumulating into every tracked tensor's gradient.
     */
    public void backward(float[] seed) {
        if (!requiresGrad) {
            throw new IllegalStateException("this tensor does not depend on anything that requires a gradient");
        }
        List<Tensor> order = topologicalOrder();
        // An intermediate may still hold the gradient of an earlier backward through it (the same loss again, or
        // another loss sharing it); propagating that again would count it twice. Only leaves accumulate.
        for (Tensor t : order) {
            if (t.backward != null && t.grad != null) {
                Arrays.fill(t.grad, 0, t.size, 0f);
            }
        }
        float[] g = gradBuffer();
        for (int i = 0; i < size; i++) {
            g[i] += seed[i];
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backward != null && t.grad != null) {
                t.backward.apply(t);
            }
        }
    }

    /** Inputs before outputs, by an iterative depth-first walk (deep graphs must not overflow the stack). */
    private List<Tensor> topologicalOrder() {
        int mark = VISITS.incrementAndGet();
        List<Tensor> order = new ArrayList<>();
        List<Tensor> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        stack.add(this);
        next.add(0);
        visit = mark;
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            int i = next.get(top);
            if (i < t.inputs.length) {
                next.set(top, i + 1);
                Tensor in = t.inputs[i];
                if (in.requiresGrad && in.visit != mark) {
                    in.visit = mark;
                    stack.add(in);
                    next.add(0);
                }
            } else {
                order.add(t);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }

    // ---- ops (implemented in the package's op classes) ----

    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /** {@code this · weight + bias} in one op: the dense layer, with the bias broadcast over rows. */
    public Tensor linear(Tensor weight, Tensor bias) {
        return LinearAlgebra.linear(this, weight, bias);
    }

    /** {@code this · other^T}: an output layer tied to an embedding table {@code other [vocabulary, width]}. */
    public Tensor matmulTransposed(Tensor other) {
        return LinearAlgebra.matmulTransposed(this, other);
    }

    /** Layer normalisation over the last axis, then {@code * gamma + beta}, as {@code torch.nn.LayerNorm}. */
    public Tensor layerNorm(Tensor gamma, Tensor beta, float eps) {
        return Norms.layerNorm(this, gamma, beta, eps);
    }

    /**
     * Causal multi-head self-attention of packed {@code [batch*time, 3*width]} query/key/value rows, giving
     * {@code [batch*time, width]}; see {@link Attention}.
     */
    public Tensor causalAttention(int batch, int heads) {
        return Attention.causal(this, batch, heads);
    }

    /** Mean cross-entropy of these {@code [rows, classes]} logits against class indices (negative: ignored). */
    public Tensor crossEntropy(int[] targets) {
        return CrossEntropy.mean(this, targets);
    }

    public Tensor add(Tensor other) {
        return Broadcast.apply(Broadcast.Op.ADD, this, other);
    }

    public Tensor sub(Tensor other) {
        return Broadcast.apply(Broadcast.Op.SUB, this, other);
    }

    public Tensor mul(Tensor other) {
        return Broadcast.apply(Broadcast.Op.MUL, this, other);
    }

    public Tensor div(Tensor other) {
        return Broadcast.apply(Broadcast.Op.DIV, this, other);
    }

    public Tensor sum() {
        return Reductions.sum(this);
    }

    public Tensor mean() {
        return Reductions.mean(this);
    }

    /** Sum over one axis, which is removed unless {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) {
        return Reductions.sum(this, axis, keepDim, false);
    }

    public Tensor mean(int axis, boolean keepDim) {
        return Reductions.sum(this, axis, keepDim, true);
    }

    public Tensor exp() {
        return Unary.apply(Unary.Op.EXP, this, 0);
    }

    public Tensor log() {
        return Unary.apply(Unary.Op.LOG, this, 0);
    }

    public Tensor relu() {
        return Unary.apply(Unary.Op.RELU, this, 0);
    }

    public Tensor leakyRelu(float negativeSlope) {
        return Unary.apply(Unary.Op.LEAKY_RELU, this, negativeSlope);
    }

    public Tensor sigmoid() {
        return Unary.apply(Unary.Op.SIGMOID, this, 0);
    }

    public Tensor tanh() {
        return Unary.apply(Unary.Op.TANH, this, 0);
    }

    /** GELU with the exact erf form, PyTorch's default ({@code approximate='none'}). */
    public Tensor gelu() {
        return Unary.apply(Unary.Op.GELU, this, 0);
    }

    /** Softmax over the last axis. */
    public Tensor softmax() {
        return Softmax.softmax(this, false);
    }

    /** Log-softmax over the last axis. */
    public Tensor logSoftmax() {
        return Softmax.softmax(this, true);
    }

    public Tensor reshape(int... newShape) {
        return Shapes.reshape(this, newShape);
    }

    /** Swaps the two axes of a matrix. */
    public Tensor transpose() {
        return Shapes.transpose(this);
    }

    public static Tensor concat(int axis, Tensor... parts) {
        return Shapes.concat(axis, parts);
    }

    /** Rows {@code indices} of this {@code [vocabulary, width]} table: {@code [indices.length, width]}. */
    public Tensor embedding(int[] indices) {
        return Shapes.embedding(this, indices);
    }

    /**
     * Inverted dropout: in training, zeroes each value with probability {@code p} (drawn from {@code random})
     * and scales the rest by {@code 1/(1-p)}; outside training, the identity.
     */
    public Tensor dropout(float p, Rng random, boolean training) {
        return Unary.dropout(this, p, random, training);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (requiresGrad ? " (grad)" : "");
    }
}
