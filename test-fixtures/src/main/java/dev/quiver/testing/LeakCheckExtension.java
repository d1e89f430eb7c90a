package dev.quiver.testing;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method its own {@link RootAllocator} and fails the test if anything allocated from it is
 * still open when the test ends (closing a root allocator with outstanding buffers throws, listing them).
 *
 * <pre>{@code
 * @ExtendWith(LeakCheckExtension.class)
 * class MyTest {
 *     @Test void reads(BufferAllocator allocator) { ... }
 * }
 * }</pre>
 */
public final class LeakCheckExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheckExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BufferAllocator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS)
                .getOrComputeIfAbsent("allocator", k -> new RootAllocator(Long.MAX_VALUE), BufferAllocator.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BufferAllocator allocator = context.getStore(NS).remove("allocator", BufferAllocator.class);
        if (allocator == null) {
            return;
        }
        long leaked = allocator.getAllocatedMemory();
        String tree = allocator.toVerboseString();
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            throw new AssertionError(
                    "Arrow memory leaked by " + context.getDisplayName() + ": " + leaked + " bytes still allocated\n"
                            + tree,
                    e);
        }
        if (leaked != 0) {
            throw new AssertionError("Arrow memory leaked by " + context.getDisplayName() + ": " + leaked + " bytes");
        }
    }
}
