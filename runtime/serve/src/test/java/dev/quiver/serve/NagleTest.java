package dev.quiver.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.testing.LeakCheckExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server turns Nagle's algorithm off (1-row predictions otherwise wait ~40 ms for the client's delayed ACK on
 * every keep-alive request), unless the host has chosen: its setting, either way, is left as it is.
 */
@ExtendWith(LeakCheckExtension.class)
class NagleTest {

    private String before;

    @BeforeEach
    void save() {
        before = System.getProperty(ModelServer.NODELAY_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ModelServer.NODELAY_PROPERTY);
        } else {
            System.setProperty(ModelServer.NODELAY_PROPERTY, before);
        }
    }

    @Test
    void aServerTurnsNagleOffWhenTheHostHasNotChosen(BufferAllocator allocator) {
        System.clearProperty(ModelServer.NODELAY_PROPERTY);
        startAndStop(allocator);
        assertEquals("true", System.getProperty(ModelServer.NODELAY_PROPERTY));
    }

    @Test
    void theHostsChoiceIsKept(BufferAllocator allocator) {
        System.setProperty(ModelServer.NODELAY_PROPERTY, "false");
        startAndStop(allocator);
        assertEquals("false", System.getProperty(ModelServer.NODELAY_PROPERTY));
    }

    private static void startAndStop(BufferAllocator allocator) {
        ModelServer.builder()
                .model("slow", SlowDouble.pipeline(0))
                .host("127.0.0.1")
                .port(0)
                .allocator(allocator)
                .start()
                .close();
    }
}
