package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The settings of a driver Quiver starts itself (no context is started here). */
class SparkContextsTest {

    @Test
    void aDriverOfQuiversOwnBindsWhereToldKeepsTheUiOffAndLogsWarningsOnly() {
        SparkConf conf = SparkContexts.conf("quiver-test", "local[2]", "127.0.0.1");
        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("WARN", conf.get("spark.log.level"));
    }

    @Test
    void aLogLevelTheUserSetsWins() {
        // SparkConf reads spark.* system properties when made: -Dspark.log.level=INFO in QUIVER_JAVA_OPTS
        System.setProperty("spark.log.level", "INFO");
        try {
            assertEquals(
                    "INFO", SparkContexts.conf("quiver-test", "local[2]", null).get("spark.log.level"));
        } finally {
            System.clearProperty("spark.log.level");
        }
    }
}
